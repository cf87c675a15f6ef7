using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Schedules;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Schedules;

/// <summary>Deleting a schedule asks what its users work to instead: another of the account's schedules, or none.</summary>
public sealed class DeleteModel(IAccessService access, CurrentAccount current, ISchedules schedules) : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid ScheduleId { get; set; }

    [BindProperty]
    [Display(Name = "Its users work to")]
    public Guid? ReplacementId { get; set; }

    public ScheduleDetail Schedule { get; private set; } = null!;

    public IReadOnlyList<ScheduleRow> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await schedules.DeleteAsync(User.GetUserId(), AccountId, ScheduleId, ReplacementId, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Refused)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        var instead = Others.FirstOrDefault(o => o.Id == ReplacementId)?.Name;
        return AfterCommand(
            result,
            $"The schedule {Schedule.Name} was deleted from {Account.Account.AccountName}"
            + (Schedule.UserCount == 0 ? "." : instead is null ? "; its users now have no schedule." : $"; its users now work to {instead}."),
            $"/accounts/{AccountId}/settings/schedules");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        if (await schedules.FindAsync(AccountId, ScheduleId, HttpContext.RequestAborted) is not { } schedule)
        {
            return NotFound();
        }

        Schedule = schedule;
        Others = (await schedules.ListAsync(AccountId, HttpContext.RequestAborted)).Where(s => s.Id != ScheduleId).ToList();
        return null;
    }
}
