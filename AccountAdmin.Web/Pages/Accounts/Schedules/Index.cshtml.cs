using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Schedules;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Schedules;

/// <summary>Account Settings' schedules: each with its time zone, hours and how many work to it.</summary>
public sealed class IndexModel(IAccessService access, CurrentAccount current, ISchedules schedules) : AccountPageModel(access, current)
{
    public IReadOnlyList<ScheduleRow> Schedules { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        Schedules = await schedules.ListAsync(AccountId, HttpContext.RequestAborted);
        return Page();
    }
}
