using AccountAdmin.Core;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Schedules;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Schedules;

/// <summary>A new schedule: Monday to Friday 9 to 5 to start from, in the account's usual time zone (UTC until one is chosen).</summary>
public sealed class NewModel(IAccessService access, CurrentAccount current, ISchedules schedules) : AccountPageModel(access, current)
{
    [BindProperty]
    public ScheduleForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        Form = ScheduleForm.Of("", "UTC", WeeklyHours.Weekdays);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        var (result, id) = await schedules.CreateAsync(User.GetUserId(), AccountId, Form.ToInput(), HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, $"The schedule {Form.Name?.Trim()} was created in {Account.Account.AccountName}.", $"/accounts/{AccountId}/settings/schedules/{id}");
        }

        ModelState.Clear();
        ModelState.AddErrors(result.Errors, "Form.");
        Form.WithBlankRows();
        return Page();
    }
}
