using System.Security.Cryptography;
using System.Text;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Core.Authorization;

public sealed record AccountRow(Guid Id, Guid AgencyId, string Name, Guid? DivisionId);

public sealed record DivisionRow(Guid Id, Guid AgencyId, string Name, string? Description);

public sealed record MembershipRow(Guid AccountId, Guid UserId, AccountRole Role, MembershipStatus Status, bool Ended)
{
    public bool Current => !Ended;

    public override string ToString() => $"{Role} {(Ended ? "ended" : Status.ToString())}";
}

public sealed record AgencyRoleRow(Guid AgencyId, Guid UserId, AgencyRole Role);

/// <summary>A user's place in a division: as a member or as an administrator, by the set it is in.</summary>
public sealed record DivisionPlaceRow(Guid DivisionId, Guid UserId);

/// <summary>
/// A user as the oracle compares them, the password by a fingerprint of its hash; the stamps and sort keys are bookkeeping
/// and left out.
/// </summary>
public sealed record UserRow(
    Guid Id, string? Email, string? UserName, string FirstName, string LastName, string? Nickname, string? Phone, string? Password,
    bool TwoFactor, bool Archived, bool SupportStaff, Guid? HomeAccountId)
{
    /// <summary>The fields that are how the user is known and signs in everywhere (DESIGN: name, e-mail, username, phone, password).</summary>
    public IEnumerable<string> ProtectedChanges(UserRow other)
    {
        if (Email != other.Email) yield return "e-mail";
        if (UserName != other.UserName) yield return "username";
        if (FirstName != other.FirstName) yield return "first name";
        if (LastName != other.LastName) yield return "last name";
        if (Phone != other.Phone) yield return "phone";
        if (Password != other.Password) yield return "password";
        if (TwoFactor != other.TwoFactor) yield return "second factor";
    }
}

public sealed record GroupRow(Guid Id, Guid AccountId, string Name);

public sealed record ScheduleRow(Guid Id, Guid AccountId, string Name, string TimeZoneId, string WeeklyHours);

public sealed record GroupMemberRow(Guid GroupId, Guid UserId);

public sealed record ScheduleAssignmentRow(Guid AccountId, Guid UserId, Guid ScheduleId);

public sealed record OwnerRemovalRow(
    Guid Id, Guid AccountId, Guid OwnerUserId, Guid RequestedById, AccountRole NewRole, OwnerRemovalStatus Status, DateTime CreatedAt)
{
    public override string ToString() => $"{Status}: {RequestedById} asked that {OwnerUserId} of {AccountId} become {NewRole}";
}

public sealed record PictureRow(Guid UserId, string ContentType, string Hash);

public sealed record BulkImportRow(Guid Id, Guid AccountId);

/// <summary>
/// The whole database as plain values, read in one scope: what a command may change. Audit events are left out (refusals
/// are audited); e-mails are counted.
/// </summary>
public sealed class WorldSnapshot
{
    public required IReadOnlyDictionary<Guid, AccountRow> Accounts { get; init; }
    public required IReadOnlyDictionary<Guid, DivisionRow> Divisions { get; init; }
    public required IReadOnlyDictionary<Guid, UserRow> Users { get; init; }
    public required IReadOnlyDictionary<(Guid AccountId, Guid UserId), MembershipRow> Memberships { get; init; }
    public required IReadOnlySet<AgencyRoleRow> AgencyRoles { get; init; }
    public required IReadOnlySet<DivisionPlaceRow> DivisionMembers { get; init; }
    public required IReadOnlySet<DivisionPlaceRow> DivisionAdministrators { get; init; }
    public required IReadOnlyDictionary<Guid, UserSettingsValues> Settings { get; init; }
    public required IReadOnlyDictionary<Guid, PictureRow> Pictures { get; init; }
    public required IReadOnlyDictionary<Guid, GroupRow> Groups { get; init; }
    public required IReadOnlyDictionary<Guid, ScheduleRow> Schedules { get; init; }
    public required IReadOnlySet<GroupMemberRow> GroupMembers { get; init; }
    public required IReadOnlyDictionary<(Guid AccountId, Guid UserId), ScheduleAssignmentRow> ScheduleAssignments { get; init; }
    public required IReadOnlyDictionary<Guid, OwnerRemovalRow> OwnerRemovals { get; init; }
    public required IReadOnlyDictionary<Guid, BulkImportRow> BulkImports { get; init; }
    public required int Outbox { get; init; }

    /// <summary>Not compared: what a form carries so that a save goes over the state it was drawn in.</summary>
    public required IReadOnlyDictionary<Guid, string> ConcurrencyStamps { get; init; }

    /// <summary>Reads every table, over one connection.</summary>
    public static async Task<WorldSnapshot> ReadAsync(AccountAdminDbContext db)
    {
        await db.Database.OpenConnectionAsync();

        var users = (await db.Users.AsNoTracking().ToListAsync())
            .Select(u => new
            {
                Row = new UserRow(
                    u.Id, u.Email, u.UserName, u.FirstName, u.LastName, u.Nickname, u.PhoneNumber, Fingerprint(u.PasswordHash), u.TwoFactorEnabled,
                    u.ArchivedAt != null, u.IsSupportStaff, u.HomeAccountId),
                u.ConcurrencyStamp,
            })
            .ToList();
        var settings = await db.UserSettings.AsNoTracking().ToListAsync();
        var pictures = await db.ProfilePictures.AsNoTracking().ToListAsync();
        var accounts = await db.Accounts.AsNoTracking()
            .Select(a => new AccountRow(a.Id, a.AgencyId, a.Name, a.DivisionId)).ToDictionaryAsync(a => a.Id);
        var divisions = await db.Divisions.AsNoTracking()
            .Select(d => new DivisionRow(d.Id, d.AgencyId, d.Name, d.Description)).ToDictionaryAsync(d => d.Id);
        var memberships = await db.Memberships.AsNoTracking()
            .Select(m => new MembershipRow(m.AccountId, m.UserId, m.Role, m.Status, m.EndedAt != null)).ToListAsync();
        var agencyRoles = await db.AgencyRoleGrants.AsNoTracking().Select(g => new AgencyRoleRow(g.AgencyId, g.UserId, g.Role)).ToListAsync();
        var divisionMembers = await db.DivisionMembers.AsNoTracking().Select(d => new DivisionPlaceRow(d.DivisionId, d.UserId)).ToListAsync();
        var divisionAdministrators = await db.DivisionAdministrators.AsNoTracking()
            .Select(d => new DivisionPlaceRow(d.DivisionId, d.UserId)).ToListAsync();
        var groups = await db.AccessControlGroups.AsNoTracking().Select(g => new GroupRow(g.Id, g.AccountId, g.Name)).ToDictionaryAsync(g => g.Id);
        var schedules = await db.Schedules.AsNoTracking()
            .Select(s => new ScheduleRow(s.Id, s.AccountId, s.Name, s.TimeZoneId, s.WeeklyHours)).ToDictionaryAsync(s => s.Id);
        var groupMembers = await db.AccessControlGroupMembers.AsNoTracking().Select(m => new GroupMemberRow(m.GroupId, m.UserId)).ToListAsync();
        var scheduleAssignments = await db.ScheduleAssignments.AsNoTracking()
            .Select(a => new ScheduleAssignmentRow(a.AccountId, a.UserId, a.ScheduleId)).ToListAsync();
        var ownerRemovals = await db.OwnerRemovalRequests.AsNoTracking()
            .Select(r => new OwnerRemovalRow(r.Id, r.AccountId, r.OwnerUserId, r.RequestedById, r.NewRole, r.Status, r.CreatedAt))
            .ToDictionaryAsync(r => r.Id);
        var bulkImports = await db.BulkImports.AsNoTracking().Select(i => new BulkImportRow(i.Id, i.AccountId)).ToDictionaryAsync(i => i.Id);
        var outbox = await db.OutboxMessages.CountAsync();

        return new WorldSnapshot
        {
            Accounts = accounts,
            Divisions = divisions,
            Users = users.ToDictionary(u => u.Row.Id, u => u.Row),
            ConcurrencyStamps = users.ToDictionary(u => u.Row.Id, u => u.ConcurrencyStamp ?? ""),
            Memberships = memberships.ToDictionary(m => (m.AccountId, m.UserId)),
            AgencyRoles = agencyRoles.ToHashSet(),
            DivisionMembers = divisionMembers.ToHashSet(),
            DivisionAdministrators = divisionAdministrators.ToHashSet(),
            Settings = settings.ToDictionary(s => s.UserId, s => s.Values),
            Pictures = pictures.ToDictionary(
                p => p.UserId, p => new PictureRow(p.UserId, p.ContentType, Fingerprint(p.Content))),
            Groups = groups,
            Schedules = schedules,
            GroupMembers = groupMembers.ToHashSet(),
            ScheduleAssignments = scheduleAssignments.ToDictionary(a => (a.AccountId, a.UserId)),
            OwnerRemovals = ownerRemovals,
            BulkImports = bulkImports,
            Outbox = outbox,
        };
    }

    private static string? Fingerprint(string? text) => text is null ? null : Fingerprint(Encoding.UTF8.GetBytes(text));

    private static string Fingerprint(byte[] content) => Convert.ToHexString(SHA256.HashData(content))[..12];

    public UserSettingsValues SettingsOf(Guid userId) => Settings.GetValueOrDefault(userId) ?? UserSettingsValues.Defaults;

    public IEnumerable<AccountRow> AccountsOfAgency(Guid agencyId) => Accounts.Values.Where(a => a.AgencyId == agencyId);

    public IEnumerable<AccountRow> AccountsOfDivision(Guid divisionId) => Accounts.Values.Where(a => a.DivisionId == divisionId);

    public MembershipRow? CurrentMembership(Guid accountId, Guid userId) =>
        Memberships.GetValueOrDefault((accountId, userId)) is { Current: true } m ? m : null;

    /// <summary>Every difference from <paramref name="other"/>, one line each; empty when the two are the same.</summary>
    public IReadOnlyList<string> Differences(WorldSnapshot other)
    {
        var lines = new List<string>();
        Compare(lines, "account", Accounts, other.Accounts);
        Compare(lines, "division", Divisions, other.Divisions);
        Compare(lines, "user", Users, other.Users);
        Compare(lines, "membership", Memberships, other.Memberships);
        Compare(lines, "agency role", AgencyRoles, other.AgencyRoles);
        Compare(lines, "division member", DivisionMembers, other.DivisionMembers);
        Compare(lines, "division administrator", DivisionAdministrators, other.DivisionAdministrators);
        Compare(lines, "settings", Settings, other.Settings);
        Compare(lines, "picture", Pictures, other.Pictures);
        Compare(lines, "group", Groups, other.Groups);
        Compare(lines, "schedule", Schedules, other.Schedules);
        Compare(lines, "group member", GroupMembers, other.GroupMembers);
        Compare(lines, "schedule assignment", ScheduleAssignments, other.ScheduleAssignments);
        Compare(lines, "owner removal", OwnerRemovals, other.OwnerRemovals);
        Compare(lines, "bulk import", BulkImports, other.BulkImports);
        if (Outbox != other.Outbox)
        {
            lines.Add($"e-mails queued: {Outbox} → {other.Outbox}");
        }

        return lines;
    }

    private static void Compare<TKey, TValue>(
        List<string> lines, string what, IReadOnlyDictionary<TKey, TValue> before, IReadOnlyDictionary<TKey, TValue> after)
        where TKey : notnull
    {
        foreach (var key in before.Keys.Union(after.Keys))
        {
            var was = before.GetValueOrDefault(key);
            var now = after.GetValueOrDefault(key);
            if (!Equals(was, now))
            {
                lines.Add($"{what} {key}: {Change(was, now)}");
            }
        }
    }

    /// <summary>A changed row as the properties that changed; a row made or gone, whole.</summary>
    private static string Change(object? was, object? now) =>
        was is null || now is null || was.GetType() != now.GetType()
            ? $"{was?.ToString() ?? "(none)"} → {now?.ToString() ?? "(none)"}"
            : string.Join(", ", was.GetType().GetProperties()
                .Where(p => p.GetIndexParameters().Length == 0 && !Equals(p.GetValue(was), p.GetValue(now)))
                .Select(p => $"{p.Name} {p.GetValue(was) ?? "(none)"} → {p.GetValue(now) ?? "(none)"}"));

    private static void Compare<T>(List<string> lines, string what, IReadOnlySet<T> before, IReadOnlySet<T> after)
    {
        lines.AddRange(before.Where(r => !after.Contains(r)).Select(r => $"{what} removed: {r}"));
        lines.AddRange(after.Where(r => !before.Contains(r)).Select(r => $"{what} added: {r}"));
    }
}
