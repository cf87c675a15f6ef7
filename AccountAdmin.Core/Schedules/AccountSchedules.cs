using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Schedules;

public sealed record ScheduleRow(Guid Id, string Name, string TimeZoneId, WeeklyHours Hours, int Users);

public sealed record ScheduleUser(Guid UserId, string Name, string Email, AccountRole Role);

/// <param name="Users">Who works to it, by name, at most <see cref="AccountSchedules.ShownUsers"/>.</param>
public sealed record ScheduleDetail(Guid Id, string Name, string TimeZoneId, WeeklyHours Hours, int UserCount, IReadOnlyList<ScheduleUser> Users);

/// <summary>A schedule as typed: its name, an IANA time zone, and per day pairs of opening and closing times.</summary>
public sealed record ScheduleInput(string? Name, string? TimeZoneId, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<(string? From, string? To)>> Hours);

/// <summary>
/// An account's schedules (seed 001: "choose a schedule you've created or add a new schedule"): a name, a time zone and
/// weekly hours. Every command asks for Manage Account Settings in the schedule's account.
/// </summary>
public interface ISchedules
{
    Task<IReadOnlyList<ScheduleRow>> ListAsync(Guid accountId, CancellationToken cancellationToken = default);

    Task<ScheduleDetail?> FindAsync(Guid accountId, Guid scheduleId, CancellationToken cancellationToken = default);

    Task<(CommandResult Result, Guid? ScheduleId)> CreateAsync(Guid actorId, Guid accountId, ScheduleInput input, CancellationToken cancellationToken = default);

    Task<CommandResult> UpdateAsync(Guid actorId, Guid accountId, Guid scheduleId, ScheduleInput input, CancellationToken cancellationToken = default);

    /// <summary>Deletes the schedule; its users work to <paramref name="replacementId"/> instead, or to none when it is null.</summary>
    Task<CommandResult> DeleteAsync(Guid actorId, Guid accountId, Guid scheduleId, Guid? replacementId, CancellationToken cancellationToken = default);
}

public sealed class AccountSchedules(AccountAdminDbContext db, IAccessService access, AuditTrail audit) : ISchedules
{
    public const int ShownUsers = 500;

    /// <summary>Whether <paramref name="id"/> is a time zone this server knows by its IANA name (such as Europe/London).</summary>
    public static bool IsTimeZone(string? id) =>
        id is { Length: > 0 and <= 100 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && (zone.HasIanaId || id == "UTC");

    /// <summary>The IANA names to choose from, sorted.</summary>
    public static IReadOnlyList<string> TimeZones { get; } =
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").Distinct().Order(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<ScheduleRow>> ListAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        (await db.Schedules.AsNoTracking()
            .Where(s => s.AccountId == accountId)
            .OrderBy(s => s.NormalizedName)
            .Select(s => new { s.Id, s.Name, s.TimeZoneId, s.WeeklyHours, Users = db.ScheduleAssignments.Count(a => a.ScheduleId == s.Id
                && db.Memberships.Any(m => m.AccountId == a.AccountId && m.UserId == a.UserId && m.EndedAt == null)) })
            .ToListAsync(cancellationToken))
        .Select(s => new ScheduleRow(s.Id, s.Name, s.TimeZoneId, WeeklyHours.Parse(s.WeeklyHours), s.Users))
        .ToList();

    public async Task<ScheduleDetail?> FindAsync(Guid accountId, Guid scheduleId, CancellationToken cancellationToken = default)
    {
        var schedule = await db.Schedules.AsNoTracking()
            .Where(s => s.Id == scheduleId && s.AccountId == accountId)
            .Select(s => new { s.Id, s.Name, s.TimeZoneId, s.WeeklyHours, Users = db.ScheduleAssignments.Count(a => a.ScheduleId == s.Id
                && db.Memberships.Any(m => m.AccountId == a.AccountId && m.UserId == a.UserId && m.EndedAt == null)) })
            .SingleOrDefaultAsync(cancellationToken);
        if (schedule is null)
        {
            return null;
        }

        // From the schedule's own assignments: walking the account's members to find them costs the account's size.
        var users = await db.ScheduleAssignments.AsNoTracking()
            .Where(a => a.ScheduleId == scheduleId)
            .Join(db.Memberships.Where(m => m.AccountId == accountId && m.EndedAt == null), a => a.UserId, m => m.UserId, (a, m) => m)
            .OrderBy(m => m.NameKey).Take(ShownUsers)
            .Select(m => new ScheduleUser(m.UserId, m.User.FirstName + " " + m.User.LastName, m.User.Email!, m.Role))
            .ToListAsync(cancellationToken);
        return new ScheduleDetail(schedule.Id, schedule.Name, schedule.TimeZoneId, WeeklyHours.Parse(schedule.WeeklyHours), schedule.Users, users);
    }

    public async Task<(CommandResult Result, Guid? ScheduleId)> CreateAsync(
        Guid actorId, Guid accountId, ScheduleInput input, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageAccountSettings, cancellationToken);
        if (actor is null)
        {
            return (refusal!, null);
        }

        var (hours, errors) = Validate(input);
        if (errors.Count > 0)
        {
            return (CommandResult.Refused([.. errors]), null);
        }

        var schedule = new Schedule(accountId, input.Name!, input.TimeZoneId!, hours!.ToString());
        if (await NameTakenAsync(accountId, schedule.NormalizedName, null, cancellationToken))
        {
            return (CommandResult.Refused(ScheduleErrors.DuplicateName), null);
        }

        db.Schedules.Add(schedule);
        audit.Record(AuditActions.ScheduleCreated, actor.Account.AgencyId, accountId, details: Describe(schedule.Name, schedule.TimeZoneId, hours), actorUserId: actorId);
        return (await SaveUniqueAsync(cancellationToken), schedule.Id);
    }

    public async Task<CommandResult> UpdateAsync(Guid actorId, Guid accountId, Guid scheduleId, ScheduleInput input, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageAccountSettings, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        var schedule = await db.Schedules.SingleOrDefaultAsync(s => s.Id == scheduleId && s.AccountId == accountId, cancellationToken);
        if (schedule is null)
        {
            return CommandResult.NotFound;
        }

        var (hours, errors) = Validate(input);
        if (errors.Count > 0)
        {
            return CommandResult.Refused([.. errors]);
        }

        var before = Describe(schedule.Name, schedule.TimeZoneId, WeeklyHours.Parse(schedule.WeeklyHours));
        schedule.Change(input.Name!, input.TimeZoneId!, hours!.ToString());
        var after = Describe(schedule.Name, schedule.TimeZoneId, hours);
        if (before == after)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Done;
        }

        if (await NameTakenAsync(accountId, schedule.NormalizedName, scheduleId, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(ScheduleErrors.DuplicateName);
        }

        audit.Record(AuditActions.ScheduleUpdated, actor.Account.AgencyId, accountId, details: $"{before} → {after}", actorUserId: actorId);
        return await SaveUniqueAsync(cancellationToken);
    }

    public async Task<CommandResult> DeleteAsync(Guid actorId, Guid accountId, Guid scheduleId, Guid? replacementId, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageAccountSettings, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        var schedule = await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId && s.AccountId == accountId, cancellationToken);
        if (schedule is null)
        {
            return CommandResult.NotFound;
        }

        string? replacement = null;
        if (replacementId is { } id)
        {
            replacement = id == scheduleId ? null
                : await db.Schedules.Where(s => s.Id == id && s.AccountId == accountId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
            if (replacement is null)
            {
                return CommandResult.Refused(ScheduleErrors.Replacement);
            }
        }

        return await db.AtomicallyAsync(async () =>
        {
            var users = await db.ScheduleAssignments.Where(a => a.ScheduleId == scheduleId).Select(a => a.UserId).ToListAsync(cancellationToken);
            if (replacementId is { } to)
            {
                await db.ScheduleAssignments.Where(a => a.ScheduleId == scheduleId)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.ScheduleId, to), cancellationToken);
            }
            else
            {
                await db.ScheduleAssignments.Where(a => a.ScheduleId == scheduleId).ExecuteDeleteAsync(cancellationToken);
            }

            if (await db.Schedules.Where(s => s.Id == scheduleId).ExecuteDeleteAsync(cancellationToken) != 1)
            {
                return CommandResult.NotFound;
            }

            var events = users.Select(userId => audit.Create(
                AuditActions.ScheduleAssignmentChanged, actor.Account.AgencyId, accountId, userId,
                $"{schedule.Name} (deleted) → {replacement ?? "no schedule"}", actorId)).ToList();
            events.Add(audit.Create(
                AuditActions.ScheduleDeleted, actor.Account.AgencyId, accountId,
                details: $"{schedule.Name}: {English.Count(users.Count, "user")} moved to {replacement ?? "no schedule"}", actorUserId: actorId));
            await audit.RecordAllAsync(events, cancellationToken);
            return CommandResult.Done;
        }, cancellationToken);
    }

    private static (WeeklyHours? Hours, List<CommandError> Errors) Validate(ScheduleInput input)
    {
        var errors = new List<CommandError>();
        if (ScheduleErrors.NameProblem(input.Name) is { } name)
        {
            errors.Add(name);
        }

        if (!IsTimeZone(input.TimeZoneId))
        {
            errors.Add(ScheduleErrors.TimeZone);
        }

        var (hours, hourErrors) = WeeklyHours.FromFields(input.Hours);
        errors.AddRange(hourErrors);
        return (hours, errors);
    }

    private static string Describe(string name, string timeZone, WeeklyHours hours) => $"{name} ({timeZone}): {hours.Describe()}";

    private Task<bool> NameTakenAsync(Guid accountId, string normalizedName, Guid? except, CancellationToken cancellationToken) =>
        db.Schedules.AnyAsync(s => s.AccountId == accountId && s.NormalizedName == normalizedName && s.Id != except, cancellationToken);

    private async Task<CommandResult> SaveUniqueAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(ScheduleErrors.DuplicateName);
        }
    }
}
