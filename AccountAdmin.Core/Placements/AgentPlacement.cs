using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Placements;

/// <summary>A schedule made in place from New User or the user's page (seed 001).</summary>
public sealed record NewSchedule(string Name, string TimeZoneId);

/// <summary>Where an agent sits in one account: their schedule (one picked, or one made now) and access control groups.</summary>
public sealed record AgentPlacement(Guid? ScheduleId = null, NewSchedule? NewSchedule = null, IReadOnlyList<Guid>? GroupIds = null)
{
    public static readonly AgentPlacement None = new();
}


/// <summary>The schedules and access control groups of an account, for the pickers.</summary>
public sealed record AccountOptions(IReadOnlyList<NamedItem> Schedules, IReadOnlyList<NamedItem> Groups);

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
                .Select(g => new NamedItem(g.Id, g.Name)).ToListAsync(cancellationToken));

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

        return errors;
    }

    /// <summary>Makes the account's placement of the user what <paramref name="placement"/> says; the caller saves.</summary>
    public static async Task ApplyAsync(
        AccountAdminDbContext db, Guid accountId, Guid userId, AgentPlacement placement, CancellationToken cancellationToken)
    {
        var scheduleId = placement.ScheduleId;
        if (placement.NewSchedule is { } created)
        {
            var schedule = new Schedule(accountId, created.Name, created.TimeZoneId, Schedules.WeeklyHours.Weekdays.ToString());
            db.Schedules.Add(schedule);
            scheduleId = schedule.Id;
        }

        var assignment = await db.ScheduleAssignments.SingleOrDefaultAsync(a => a.AccountId == accountId && a.UserId == userId, cancellationToken);
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

        var wanted = placement.GroupIds?.ToHashSet() ?? [];
        var current = await db.AccessControlGroupMembers
            .Where(m => m.UserId == userId && db.AccessControlGroups.Any(g => g.Id == m.GroupId && g.AccountId == accountId))
            .ToListAsync(cancellationToken);
        db.AccessControlGroupMembers.RemoveRange(current.Where(m => !wanted.Contains(m.GroupId)));
        db.AccessControlGroupMembers.AddRange(wanted.Except(current.Select(m => m.GroupId)).Select(g => new AccessControlGroupMember(g, userId)));
    }

    /// <summary>Leaving the groups of an account: a user who is no longer a Call Agent, Call Manager or Report Manager there.</summary>
    public static Task LeaveGroupsAsync(AccountAdminDbContext db, Guid accountId, Guid userId, CancellationToken cancellationToken) =>
        db.AccessControlGroupMembers
            .Where(m => m.UserId == userId && db.AccessControlGroups.Any(g => g.Id == m.GroupId && g.AccountId == accountId))
            .ExecuteDeleteAsync(cancellationToken);
}
