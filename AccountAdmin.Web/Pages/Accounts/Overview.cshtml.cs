using System.Globalization;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Placements;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts;

public sealed class OverviewModel(IAccessService access, CurrentAccount current, IAgentWork work, TimeProvider clock) : AccountPageModel(access, current)
{
    /// <summary>The viewer's own schedule, groups and routing here (someone logged in as an agent sees the agent's).</summary>
    public AgentWork Work { get; private set; } = new(null, [], []);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(permission: null) is { } refusal)
        {
            return refusal;
        }

        Work = await work.OfAsync(User.GetUserId(), AccountId, HttpContext.RequestAborted);
        if (Work.Schedule is { } schedule && TimeZoneInfo.TryFindSystemTimeZoneById(schedule.TimeZoneId, out var zone))
        {
            ScheduleWeek = string.Join(' ', schedule.Hours.WeekOf(zone, clock.GetUtcNow()).Select(r => $"{Iso(r.Start)}/{Iso(r.End)}"));
        }

        return Page();
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>This week's open hours of the schedule as UTC intervals, for the viewer's own time zone (shown by script).</summary>
    public string? ScheduleWeek { get; private set; }
}
