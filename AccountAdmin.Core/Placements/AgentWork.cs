using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Schedules;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Placements;

public sealed record WorkSchedule(string Name, string TimeZoneId, WeeklyHours Hours);

/// <param name="Position">Their place in a queue's order, from 1; null for a method without one.</param>
public sealed record WorkRouting(string Name, RoutingKind Kind, int? Position);

/// <summary>Where someone works in an account, as they see it themselves: schedule, groups, routing.</summary>
public sealed record AgentWork(WorkSchedule? Schedule, IReadOnlyList<string> Groups, IReadOnlyList<WorkRouting> Routing)
{
    public bool IsEmpty => Schedule is null && Groups.Count == 0 && Routing.Count == 0;
}

public interface IAgentWork
{
    /// <summary>The user's own placement in the account (read only), for their overview; nothing for a removed member.</summary>
    Task<AgentWork> OfAsync(Guid userId, Guid accountId, CancellationToken cancellationToken = default);
}

public sealed class AgentWorkQuery(AccountAdminDbContext db) : IAgentWork
{
    public async Task<AgentWork> OfAsync(Guid userId, Guid accountId, CancellationToken cancellationToken = default)
    {
        if (!await db.Memberships.AnyAsync(m => m.AccountId == accountId && m.UserId == userId && m.EndedAt == null, cancellationToken))
        {
            return new AgentWork(null, [], []);
        }

        var schedule = await db.ScheduleAssignments.AsNoTracking()
            .Where(a => a.AccountId == accountId && a.UserId == userId)
            .Join(db.Schedules, a => a.ScheduleId, s => s.Id, (a, s) => new { s.Name, s.TimeZoneId, s.WeeklyHours })
            .FirstOrDefaultAsync(cancellationToken);
        var groups = await db.AccessControlGroupMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.AccessControlGroups.Where(g => g.AccountId == accountId), m => m.GroupId, g => g.Id, (m, g) => g.Name)
            .OrderBy(name => name).ToListAsync(cancellationToken);
        var routing = await db.RoutingAgents.AsNoTracking()
            .Where(a => a.UserId == userId)
            .Join(db.RoutingMethods.Where(m => m.AccountId == accountId), a => a.RoutingMethodId, m => m.Id, (a, m) => new
            {
                m.Name,
                m.Kind,
                Ahead = db.RoutingAgents.Count(o => o.RoutingMethodId == m.Id && o.Position < a.Position
                    && db.Memberships.Any(x => x.AccountId == accountId && x.UserId == o.UserId && x.EndedAt == null)),
            })
            .ToListAsync(cancellationToken);
        return new AgentWork(
            schedule is null ? null : new WorkSchedule(schedule.Name, schedule.TimeZoneId, WeeklyHours.Parse(schedule.WeeklyHours)),
            groups,
            routing.OrderBy(r => r.Name, StringComparer.CurrentCulture)
                .Select(r => new WorkRouting(r.Name, r.Kind, r.Kind.IsOrdered() ? r.Ahead + 1 : null)).ToList());
    }
}
