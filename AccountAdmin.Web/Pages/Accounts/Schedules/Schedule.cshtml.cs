using AccountAdmin.Core;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Schedules;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Schedules;

/// <summary>One schedule: its name, time zone and hours to edit, and who works to it.</summary>
public sealed class ScheduleModel(IAccessService access, CurrentAccount current, ISchedules schedules) : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid ScheduleId { get; set; }

    [BindProperty]
    public ScheduleForm Form { get; set; } = new();

    public ScheduleDetail Schedule { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        Form = ScheduleForm.Of(Schedule.Name, Schedule.TimeZoneId, Schedule.Hours);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await schedules.UpdateAsync(User.GetUserId(), AccountId, ScheduleId, Form.ToInput(), HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, $"The schedule {Form.Name?.Trim()} was saved.", $"/accounts/{AccountId}/settings/schedules/{ScheduleId}");
        }

        ModelState.Clear();
        ModelState.AddErrors(result.Errors, "Form.");
        Form.WithBlankRows();
        return Page();
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
        return null;
    }
}
