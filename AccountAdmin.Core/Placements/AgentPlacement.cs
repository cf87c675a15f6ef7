using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Placements;

/// <summary>A schedule made in place from New User or the user's page (seed 001).</summary>
public sealed record NewSchedule(string Name, string TimeZoneId);

/// <summary>
/// Where an agent sits in one account: their schedule (one picked, or one made now), access control groups, and the
/// routing methods that hand them activities (null leaves those as they are).
/// </summary>
public sealed record AgentPlacement(
    Guid? ScheduleId = null, NewSchedule? NewSchedule = null, IReadOnlyList<Guid>? GroupIds = null, IReadOnlyList<Guid>? RoutingIds = null)
{
    public static readonly AgentPlacement None = new();
}


/// <summary>One change of an agent's placement, for the audit log: what happened and to which schedule, group or routing method.</summary>
public sealed record PlacementChange(string Action, string Details);

/// <summary>The schedules, access control groups and routing methods of an account, for the pickers.</summary>
public sealed record AccountOptions(IReadOnlyList<NamedItem> Schedules, IReadOnlyList<NamedItem> Groups, IReadOnlyList<NamedItem> Routing);

/// <summary>The rules and the saving of <see cref="AgentPlacement"/>, shared by New User and the user's page.</summary>
internal static class AgentPlacements
{
    public static bool TakesGroups(AccountRole? role) =>
        role is AccountRole.CallAgent or AccountRole.CallManager or AccountRole.ReportManager;

    public static async Task<AccountOptions> OptionsAsync(AccountAdminDbContext db, Guid accountId, CancellationToken cancellationToken) =>
        new(
            await db.Schedules.AsNoTracking().Where(s => s.AccountId == accountId).OrderBy(s => s.Name)
                .Select(s => new NamedItem(s.Id, s.Name)).ToListAsync(cancellationToken),
            await db.AccessControlGroups.AsNoTracking().Where(g => g.AccountId == accountId).OrderBy(g => g.Name)
                .Select(g => new NamedItem(g.Id, g.Name)).ToListAsync(cancellationToken),
            (await db.RoutingMethods.AsNoTracking().Where(m => m.AccountId == accountId).OrderBy(m => m.NormalizedName)
                .Select(m => new { m.Id, m.Name, m.Kind }).ToListAsync(cancellationToken))
                .Select(m => new NamedItem(m.Id, m.Name, m.Kind.Display())).ToList());

    public static async Task<List<CommandError>> ValidateAsync(
        AccountAdminDbContext db, Guid accountId, AccountRole? role, AgentPlacement placement, CancellationToken cancellationToken)
    {
        var errors = new List<CommandError>();
        if (placement.NewSchedule is { } created)
        {
            var name = created.Name?.Trim() ?? "";
            if (name.Length is 0 or > 200)
            {
                errors.Add(PlacementErrors.ScheduleName);
            }
            else if (await db.Schedules.AnyAsync(s => s.AccountId == accountId && s.NormalizedName == name.ToUpperInvariant(), cancellationToken))
            {
                errors.Add(PlacementErrors.ScheduleNameTaken);
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(created.TimeZoneId ?? "", out _))
            {
                errors.Add(PlacementErrors.TimeZone);
            }
        }
        else if (placement.ScheduleId is { } scheduleId
                 && !await db.Schedules.AnyAsync(s => s.Id == scheduleId && s.AccountId == accountId, cancellationToken))
        {
            errors.Add(PlacementErrors.Schedule);
        }

        var groups = placement.GroupIds?.Distinct().ToList() ?? [];
        if (groups.Count > 0)
        {
            if (!TakesGroups(role))
            {
                errors.Add(PlacementErrors.GroupsNotForRole);
            }
            else if (await db.AccessControlGroups.CountAsync(g => g.AccountId == accountId && groups.Contains(g.Id), cancellationToken) != groups.Count)
            {
                errors.Add(PlacementErrors.Group);
            }
        }

        var routing = placement.RoutingIds?.Distinct().ToList() ?? [];
        if (routing.Count > 0)
        {
            if (role != AccountRole.CallAgent)
            {
                errors.Add(PlacementErrors.RoutingNotForRole);
            }
            else if (await db.RoutingMethods.CountAsync(m => m.AccountId == accountId && routing.Contains(m.Id), cancellationToken) != routing.Count)
            {
                errors.Add(PlacementErrors.Routing);
            }
        }

        return errors;
    }

    /// <summary>
    /// Makes the account's placement of the user what <paramref name="placement"/> says, and says what changed for the
    /// audit log; the caller records and saves.
    /// </summary>
    public static async Task<IReadOnlyList<PlacementChange>> ApplyAsync(
        AccountAdminDbContext db, Guid accountId, Guid userId, AgentPlacement placement, CancellationToken cancellationToken)
    {
        var changes = new List<PlacementChange>();
        var scheduleId = placement.ScheduleId;
        string? newName = null;
        if (placement.NewSchedule is { } created)
        {
            var schedule = new Schedule(accountId, created.Name, created.TimeZoneId, Schedules.WeeklyHours.Weekdays.ToString());
            db.Schedules.Add(schedule);
            scheduleId = schedule.Id;
            newName = schedule.Name;
        }

        var assignment = await db.ScheduleAssignments.SingleOrDefaultAsync(a => a.AccountId == accountId && a.UserId == userId, cancellationToken);
        var before = assignment?.ScheduleId;
        if (scheduleId is { } id)
        {
            if (assignment is null)
            {
                db.ScheduleAssignments.Add(new ScheduleAssignment(accountId, userId, id));
            }
            else
            {
                assignment.Change(id);
            }
        }
        else if (assignment is not null)
        {
            db.ScheduleAssignments.Remove(assignment);
        }

        if (before != scheduleId)
        {
            var known = await db.Schedules.Where(s => s.Id == before || s.Id == scheduleId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            string Named(Guid? schedule) => schedule is { } key ? known.GetValueOrDefault(key) ?? newName ?? "" : "no schedule";
            changes.Add(new(AuditActions.ScheduleAssignmentChanged, before is null ? Named(scheduleId) : $"{Named(before)} → {Named(scheduleId)}"));
        }

        var wanted = placement.GroupIds?.ToHashSet() ?? [];
        var current = await db.AccessControlGroupMembers
            .Where(m => m.UserId == userId && db.AccessControlGroups.Any(g => g.Id == m.GroupId && g.AccountId == accountId))
            .ToListAsync(cancellationToken);
        var leavingGroups = current.Where(m => !wanted.Contains(m.GroupId)).ToList();
        var joiningGroups = wanted.Except(current.Select(m => m.GroupId)).ToList();
        db.AccessControlGroupMembers.RemoveRange(leavingGroups);
        db.AccessControlGroupMembers.AddRange(joiningGroups.Select(g => new AccessControlGroupMember(g, userId)));
        if (leavingGroups.Count + joiningGroups.Count > 0)
        {
            var touched = joiningGroups.Concat(leavingGroups.Select(m => m.GroupId)).ToList();
            var names = await db.AccessControlGroups.Where(g => touched.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
            changes.AddRange(leavingGroups.Select(m => new PlacementChange(AuditActions.GroupMemberRemoved, names[m.GroupId])));
            changes.AddRange(joiningGroups.Select(g => new PlacementChange(AuditActions.GroupMemberAdded, names[g])));
        }

        if (placement.RoutingIds is { } routingIds)
        {
            changes.AddRange(await SetRoutingAsync(db, accountId, userId, routingIds.ToHashSet(), cancellationToken));
        }

        return changes;
    }

    /// <summary>
    /// Puts the agent in exactly <paramref name="wanted"/> of the account's routing methods, joining each at the end of its
    /// order; every method changed moves to a new revision, so a routing page shown before this refuses its next change.
    /// </summary>
    private static async Task<IReadOnlyList<PlacementChange>> SetRoutingAsync(
        AccountAdminDbContext db, Guid accountId, Guid userId, HashSet<Guid> wanted, CancellationToken cancellationToken)
    {
        var current = await db.RoutingAgents
            .Where(a => a.UserId == userId && db.RoutingMethods.Any(m => m.Id == a.RoutingMethodId && m.AccountId == accountId))
            .ToListAsync(cancellationToken);
        var leaving = current.Where(a => !wanted.Contains(a.RoutingMethodId)).ToList();
        var joining = wanted.Except(current.Select(a => a.RoutingMethodId)).ToList();
        if (leaving.Count + joining.Count == 0)
        {
            return [];
        }

        var ends = await db.RoutingAgents.Where(a => joining.Contains(a.RoutingMethodId))
            .GroupBy(a => a.RoutingMethodId).Select(g => new { g.Key, Last = g.Max(a => a.Position) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        db.RoutingAgents.RemoveRange(leaving);
        db.RoutingAgents.AddRange(joining.Select(id => new RoutingAgent(id, userId, ends.TryGetValue(id, out var last) ? last + 1 : 0)));
        var changed = joining.Concat(leaving.Select(a => a.RoutingMethodId)).ToList();
        await db.RoutingMethods.Where(m => changed.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.Revision, m => m.Revision + 1), cancellationToken);
        var names = await db.RoutingMethods.Where(m => changed.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        return
        [
            .. leaving.Select(a => new PlacementChange(AuditActions.RoutingAgentRemoved, names[a.RoutingMethodId])),
            .. joining.Select(id => new PlacementChange(AuditActions.RoutingAgentAdded, names[id])),
        ];
    }

    /// <summary>
    /// Places many users at once (Bulk Add), in set-based statements whatever their number: all into
    /// <paramref name="groupId"/>, and into each of <paramref name="routingIds"/> at the end of its order, in the order
    /// given. Those already there (a restored user's earlier place) stay where they are.
    /// </summary>
    public static async Task PlaceManyAsync(
        AccountAdminDbContext db, Guid accountId, IReadOnlyList<Guid> userIds, Guid? groupId, IReadOnlyList<Guid> routingIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        if (groupId is { } group)
        {
            var already = (await db.AccessControlGroupMembers.Where(m => m.GroupId == group && userIds.Contains(m.UserId))
                .Select(m => m.UserId).ToListAsync(cancellationToken)).ToHashSet();
            await db.InsertAsync(userIds.Where(id => !already.Contains(id)).Select(id => new AccessControlGroupMember(group, id)).ToList(), cancellationToken);
        }

        var methods = routingIds.Distinct().ToList();
        if (methods.Count == 0)
        {
            return;
        }

        var present = await db.RoutingAgents.Where(a => methods.Contains(a.RoutingMethodId))
            .Select(a => new { a.RoutingMethodId, a.UserId, a.Position }).ToListAsync(cancellationToken);
        var rows = new List<RoutingAgent>();
        foreach (var method in methods)
        {
            var here = present.Where(a => a.RoutingMethodId == method).ToList();
            var inIt = here.Select(a => a.UserId).ToHashSet();
            var next = here.Count == 0 ? 0 : here.Max(a => a.Position) + 1;
            rows.AddRange(userIds.Where(id => !inIt.Contains(id)).Select((id, i) => new RoutingAgent(method, id, next + i)));
        }

        await db.InsertAsync(rows, cancellationToken);
        await db.RoutingMethods.Where(m => methods.Contains(m.Id) && m.AccountId == accountId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Revision, m => m.Revision + 1), cancellationToken);
    }

    /// <summary>Leaving the routing of an account: a user who is no longer a Call Agent there. Says what they left.</summary>
    public static async Task<IReadOnlyList<PlacementChange>> LeaveRoutingAsync(AccountAdminDbContext db, Guid accountId, Guid userId, CancellationToken cancellationToken)
    {
        var methods = await db.RoutingMethods
            .Where(m => m.AccountId == accountId && db.RoutingAgents.Any(a => a.UserId == userId && a.RoutingMethodId == m.Id))
            .Select(m => new { m.Id, m.Name }).ToListAsync(cancellationToken);
        if (methods.Count == 0)
        {
            return [];
        }

        var ids = methods.Select(m => m.Id).ToList();
        await db.RoutingAgents.Where(a => a.UserId == userId && ids.Contains(a.RoutingMethodId)).ExecuteDeleteAsync(cancellationToken);
        await db.RoutingMethods.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.Revision, m => m.Revision + 1), cancellationToken);
        return methods.Select(m => new PlacementChange(AuditActions.RoutingAgentRemoved, m.Name)).ToList();
    }

    /// <summary>
    /// Leaving the groups of an account: a user who is no longer a Call Agent, Call Manager or Report Manager there.
    /// Says what they left.
    /// </summary>
    public static async Task<IReadOnlyList<PlacementChange>> LeaveGroupsAsync(AccountAdminDbContext db, Guid accountId, Guid userId, CancellationToken cancellationToken)
    {
        var groups = await db.AccessControlGroups
            .Where(g => g.AccountId == accountId && db.AccessControlGroupMembers.Any(m => m.UserId == userId && m.GroupId == g.Id))
            .Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        if (groups.Count == 0)
        {
            return [];
        }

        var ids = groups.Select(g => g.Id).ToList();
        await db.AccessControlGroupMembers.Where(m => m.UserId == userId && ids.Contains(m.GroupId)).ExecuteDeleteAsync(cancellationToken);
        return groups.Select(g => new PlacementChange(AuditActions.GroupMemberRemoved, g.Name)).ToList();
    }
}
