using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Groups;

public sealed record GroupRow(Guid Id, string Name, int Members);

/// <summary>Someone in a group, or who could be: a current Call Agent, Call Manager or Report Manager of the account.</summary>
public sealed record GroupPerson(Guid UserId, string Name, string Email, AccountRole Role, MembershipStatus Status);

/// <param name="Members">One page of the group's members by name, at most <see cref="AccessGroups.ShownMembers"/> of them.</param>
/// <param name="Candidates">Who could be added: those the search finds, or the first by name, at most <see cref="AccessGroups.ShownCandidates"/>.</param>
public sealed record GroupDetail(Guid Id, string Name, int MemberCount, IReadOnlyList<GroupPerson> Members, IReadOnlyList<GroupPerson> Candidates, bool MoreCandidates)
{
    /// <summary>Whether the page starts after someone (it is not the first).</summary>
    public bool Later { get; init; }

    /// <summary>Whether members come after this page's last.</summary>
    public bool MoreMembers { get; init; }
}

/// <summary>
/// An account's access control groups (seed 001: "assign your new user to one of those groups"): create, rename and
/// delete them, and choose their members among the account's Call Agents, Call Managers and Report Managers. Every
/// command asks for Manage Account Settings in the account the group belongs to.
/// </summary>
public interface IAccessGroups
{
    Task<IReadOnlyList<GroupRow>> ListAsync(Guid accountId, CancellationToken cancellationToken = default);

    /// <summary>The group of this account, with its members and the people a search for <paramref name="search"/> finds to add; null if none.</summary>
    /// <param name="membersAfter">A page of members: those after this member by name (keyset paging); null for the first.</param>
    Task<GroupDetail?> FindAsync(Guid accountId, Guid groupId, string? search, Guid? membersAfter = null, CancellationToken cancellationToken = default);

    Task<(CommandResult Result, Guid? GroupId)> CreateAsync(Guid actorId, Guid accountId, string? name, CancellationToken cancellationToken = default);

    Task<CommandResult> RenameAsync(Guid actorId, Guid accountId, Guid groupId, string? name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the group; its members lose it and nothing else.</summary>
    Task<CommandResult> DeleteAsync(Guid actorId, Guid accountId, Guid groupId, CancellationToken cancellationToken = default);

    /// <summary>Adds every one of <paramref name="userIds"/>, or none if one of them may not be in the account's groups.</summary>
    Task<CommandResult> AddMembersAsync(Guid actorId, Guid accountId, Guid groupId, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken = default);

    Task<CommandResult> RemoveMemberAsync(Guid actorId, Guid accountId, Guid groupId, Guid userId, CancellationToken cancellationToken = default);
}

public sealed class AccessGroups(AccountAdminDbContext db, IAccessService access, AuditTrail audit) : IAccessGroups
{
    public const int ShownMembers = 100;
    public const int ShownCandidates = 50;
    public const int MaxAdded = 1000;

    private static readonly AccountRole[] GroupRoles = [AccountRole.CallAgent, AccountRole.CallManager, AccountRole.ReportManager];

    // Counts read only the account's current memberships (an index without the table): someone with a current membership
    // is never archived, as a user is archived only when their last one ends.
    public async Task<IReadOnlyList<GroupRow>> ListAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        await db.AccessControlGroups.AsNoTracking()
            .Where(g => g.AccountId == accountId)
            .OrderBy(g => g.NormalizedName)
            .Select(g => new GroupRow(g.Id, g.Name, db.AccessControlGroupMembers.Count(m => m.GroupId == g.Id && db.Memberships.Any(x => x.AccountId == accountId && x.UserId == m.UserId && x.EndedAt == null))))
            .ToListAsync(cancellationToken);

    public async Task<GroupDetail?> FindAsync(Guid accountId, Guid groupId, string? search, Guid? membersAfter = null, CancellationToken cancellationToken = default)
    {
        var group = await db.AccessControlGroups.AsNoTracking()
            .Where(g => g.Id == groupId && g.AccountId == accountId)
            .Select(g => new { g.Id, g.Name, Count = db.AccessControlGroupMembers.Count(m => m.GroupId == g.Id && db.Memberships.Any(x => x.AccountId == accountId && x.UserId == m.UserId && x.EndedAt == null)) })
            .SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return null;
        }

        var inGroup = People(accountId, includeEveryRole: true)
            .Where(p => db.AccessControlGroupMembers.Any(m => m.GroupId == groupId && m.UserId == p.UserId));
        if (membersAfter is { } after)
        {
            // Name keys end with the e-mail, so they are unique in an account: the page starts after the last one shown.
            var key = await db.Memberships.Where(m => m.AccountId == accountId && m.UserId == after).Select(m => m.NameKey).FirstOrDefaultAsync(cancellationToken) ?? "";
            inGroup = inGroup.Where(p => string.Compare(p.NameKey, key) > 0);
        }

        var members = await inGroup.OrderBy(p => p.NameKey).Take(ShownMembers + 1)
            .Select(p => new GroupPerson(p.UserId, p.Name, p.Email, p.Role, p.Status))
            .ToListAsync(cancellationToken);

        var candidates = People(accountId, includeEveryRole: false)
            .Where(p => !db.AccessControlGroupMembers.Any(m => m.GroupId == groupId && m.UserId == p.UserId));
        if (search?.Trim() is { Length: > 0 } term)
        {
            var folded = DirectoryKeys.Fold(term);
            candidates = candidates.Where(p => p.NameKey.Contains(folded));
        }

        var found = await candidates.OrderBy(p => p.NameKey).Take(ShownCandidates + 1)
            .Select(p => new GroupPerson(p.UserId, p.Name, p.Email, p.Role, p.Status))
            .ToListAsync(cancellationToken);
        return new GroupDetail(group.Id, group.Name, group.Count, members.Take(ShownMembers).ToList(), found.Take(ShownCandidates).ToList(), found.Count > ShownCandidates)
        {
            Later = membersAfter is not null,
            MoreMembers = members.Count > ShownMembers,
        };
    }

    public async Task<(CommandResult Result, Guid? GroupId)> CreateAsync(Guid actorId, Guid accountId, string? name, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageAccountSettings, cancellationToken);
        if (actor is null)
        {
            return (refusal!, null);
        }

        if (GroupErrors.NameProblem(name) is { } problem)
        {
            return (CommandResult.Refused(problem), null);
        }

        var group = new AccessControlGroup(accountId, name!);
        if (await NameTakenAsync(accountId, group.NormalizedName, null, cancellationToken))
        {
            return (CommandResult.Refused(GroupErrors.DuplicateName), null);
        }

        db.AccessControlGroups.Add(group);
        audit.Record(AuditActions.GroupCreated, actor.Account.AgencyId, accountId, details: group.Name, actorUserId: actorId);
        return (await SaveUniqueAsync(cancellationToken), group.Id);
    }

    public async Task<CommandResult> RenameAsync(Guid actorId, Guid accountId, Guid groupId, string? name, CancellationToken cancellationToken = default)
    {
        var (actor, group, refusal) = await GroupAsync(actorId, accountId, groupId, cancellationToken);
        if (group is null)
        {
            return refusal!;
        }

        if (GroupErrors.NameProblem(name) is { } problem)
        {
            return CommandResult.Refused(problem);
        }

        var before = group.Name;
        group.Rename(name!);
        if (before == group.Name)
        {
            return CommandResult.Done;
        }

        if (await NameTakenAsync(accountId, group.NormalizedName, groupId, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(GroupErrors.DuplicateName);
        }

        audit.Record(AuditActions.GroupRenamed, actor!.Account.AgencyId, accountId, details: $"{before} → {group.Name}", actorUserId: actorId);
        return await SaveUniqueAsync(cancellationToken);
    }

    public async Task<CommandResult> DeleteAsync(Guid actorId, Guid accountId, Guid groupId, CancellationToken cancellationToken = default)
    {
        var (actor, group, refusal) = await GroupAsync(actorId, accountId, groupId, cancellationToken);
        if (group is null)
        {
            return refusal!;
        }

        return await db.AtomicallyAsync(async () =>
        {
            var members = await db.AccessControlGroupMembers.Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync(cancellationToken);
            await db.AccessControlGroupMembers.Where(m => m.GroupId == groupId).ExecuteDeleteAsync(cancellationToken);
            if (await db.AccessControlGroups.Where(g => g.Id == groupId).ExecuteDeleteAsync(cancellationToken) != 1)
            {
                return CommandResult.NotFound;
            }

            var events = members.Select(userId => audit.Create(
                AuditActions.GroupMemberRemoved, actor!.Account.AgencyId, accountId, userId, $"{group.Name} (the group was deleted)", actorId)).ToList();
            events.Add(audit.Create(
                AuditActions.GroupDeleted, actor!.Account.AgencyId, accountId, details: $"{group.Name}: {English.Count(members.Count, "member")} lost it", actorUserId: actorId));
            await audit.RecordAllAsync(events, cancellationToken);
            return CommandResult.Done;
        }, cancellationToken);
    }

    public async Task<CommandResult> AddMembersAsync(
        Guid actorId, Guid accountId, Guid groupId, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken = default)
    {
        var (actor, group, refusal) = await GroupAsync(actorId, accountId, groupId, cancellationToken);
        if (group is null)
        {
            return refusal!;
        }

        var chosen = userIds.Distinct().ToList();
        if (chosen.Count == 0)
        {
            return CommandResult.Refused(GroupErrors.NoneChosen);
        }

        if (chosen.Count > MaxAdded)
        {
            return CommandResult.Refused(GroupErrors.TooMany);
        }

        var eligible = await People(accountId, includeEveryRole: false)
            .Where(p => chosen.Contains(p.UserId))
            .Select(p => p.UserId).ToListAsync(cancellationToken);
        if (eligible.Count != chosen.Count)
        {
            return CommandResult.Refused(GroupErrors.NotEligible);
        }

        var already = await db.AccessControlGroupMembers.Where(m => m.GroupId == groupId && chosen.Contains(m.UserId))
            .Select(m => m.UserId).ToListAsync(cancellationToken);
        var added = chosen.Except(already).ToList();
        if (added.Count == 0)
        {
            return CommandResult.Done;
        }

        try
        {
            return await db.AtomicallyAsync(async () =>
            {
                await db.InsertAsync(added.Select(userId => new AccessControlGroupMember(groupId, userId)).ToList(), cancellationToken);
                await audit.RecordAllAsync(
                    added.Select(userId => audit.Create(AuditActions.GroupMemberAdded, actor!.Account.AgencyId, accountId, userId, group.Name, actorId)).ToList(),
                    cancellationToken);
                return CommandResult.Done;
            }, cancellationToken);
        }
        catch (Exception e) when (e.IsUniqueViolation())
        {
            // Someone added one of them at the same moment: they are in the group either way.
            db.ChangeTracker.Clear();
            return CommandResult.Done;
        }
    }

    public async Task<CommandResult> RemoveMemberAsync(Guid actorId, Guid accountId, Guid groupId, Guid userId, CancellationToken cancellationToken = default)
    {
        var (actor, group, refusal) = await GroupAsync(actorId, accountId, groupId, cancellationToken);
        if (group is null)
        {
            return refusal!;
        }

        return await db.AtomicallyAsync(async () =>
        {
            if (await db.AccessControlGroupMembers.Where(m => m.GroupId == groupId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return CommandResult.NotFound;
            }

            audit.Record(AuditActions.GroupMemberRemoved, actor!.Account.AgencyId, accountId, userId, group.Name, actorId);
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        }, cancellationToken);
    }

    // Set by an initializer, not a constructor: EF translates a filter on a member it set that way.
    private sealed class Person
    {
        public Guid UserId { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public AccountRole Role { get; init; }
        public MembershipStatus Status { get; init; }
        public string NameKey { get; init; } = "";
    }

    /// <summary>The account's current, not archived members: with a role that groups take, unless <paramref name="includeEveryRole"/>.</summary>
    private IQueryable<Person> People(Guid accountId, bool includeEveryRole) =>
        db.Memberships.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.EndedAt == null && m.User.ArchivedAt == null
                        && (includeEveryRole || GroupRoles.Contains(m.Role)))
            .Select(m => new Person
            {
                UserId = m.UserId, Name = m.User.FirstName + " " + m.User.LastName, Email = m.User.Email!, Role = m.Role, Status = m.Status,
                NameKey = m.NameKey,
            });

    /// <summary>The actor with Manage Account Settings and the group, tracked, of that same account; or why not.</summary>
    private async Task<(AccountContext? Actor, AccessControlGroup? Group, CommandResult? Refusal)> GroupAsync(
        Guid actorId, Guid accountId, Guid groupId, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageAccountSettings, cancellationToken);
        if (actor is null)
        {
            return (null, null, refusal);
        }

        var group = await db.AccessControlGroups.SingleOrDefaultAsync(g => g.Id == groupId && g.AccountId == accountId, cancellationToken);
        return group is null ? (actor, null, CommandResult.NotFound) : (actor, group, null);
    }

    private Task<bool> NameTakenAsync(Guid accountId, string normalizedName, Guid? except, CancellationToken cancellationToken) =>
        db.AccessControlGroups.AnyAsync(g => g.AccountId == accountId && g.NormalizedName == normalizedName && g.Id != except, cancellationToken);

    /// <summary>Saves; a name taken by another request at the same moment is refused like one taken before.</summary>
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
            return CommandResult.Refused(GroupErrors.DuplicateName);
        }
    }
}
