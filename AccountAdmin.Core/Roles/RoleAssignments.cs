using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Placements;
using AccountAdmin.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Roles;

/// <summary>One account where the user holds a role: whether the viewer may take it away, and if not, why.</summary>
public sealed record HeldAccount(Guid AccountId, string Name, MembershipStatus Status, bool CanRemove, string? WhyNot);

/// <summary>A role and the accounts of the agency where the user holds it (seed 000's Assign Roles).</summary>
public sealed record RoleHolding(AccountRole Role, IReadOnlyList<HeldAccount> Accounts);

public sealed record AgencyRoleHolding(AgencyRole Role, bool CanRemove);

/// <summary>An account the viewer may give roles in, and whether Owner is among them.</summary>
public sealed record GrantableAccount(Guid AccountId, string Name, bool Owner);

/// <summary>Which accounts +Add Role lists: those whose name holds <paramref name="Filter"/>, by name after <paramref name="After"/>, and the <paramref name="Chosen"/> ones wherever they are.</summary>
public sealed record GrantableQuery(string? Filter = null, Guid? After = null, IReadOnlyCollection<Guid>? Chosen = null);

/// <summary>
/// What +Add Role lists: a page of the accounts the viewer may give roles in (<paramref name="Matching"/> of them match
/// the filter; the next page starts after <paramref name="Next"/>), the chosen ones (which may be on no page shown), and
/// whether any of them takes Owner.
/// </summary>
public sealed record GrantableList(
    IReadOnlyList<GrantableAccount> Page, IReadOnlyList<GrantableAccount> Chosen, int Matching, Guid? Next, bool OwnerAnywhere)
{
    public static readonly GrantableList None = new([], [], 0, null, false);

    public bool Any => Matching > 0 || Chosen.Count > 0;
}

public sealed record RoleAssignmentsView(
    string AgencyName,
    IReadOnlyList<RoleHolding> Roles,
    IReadOnlyList<AgencyRoleHolding> AgencyRoles,
    GrantableList Grantable,
    IReadOnlyList<AgencyRole> GrantableAgencyRoles,
    int AccountsElsewhere);

/// <summary>
/// One save of Assign Roles: the accounts to take away (the x of seed 000), the agency roles to take away, and at most one
/// +Add Role: an account role in chosen accounts, or an agency role.
/// </summary>
public sealed record RoleChanges(
    string ConcurrencyStamp,
    IReadOnlyList<Guid>? RemoveAccountIds = null,
    IReadOnlyList<AgencyRole>? RemoveAgencyRoles = null,
    AccountRole? AddRole = null,
    IReadOnlyList<Guid>? AddAccountIds = null,
    AgencyRole? AddAgencyRole = null);

public interface IRoleAssignments
{
    /// <summary>
    /// The user's roles across the agency of <paramref name="accountId"/>, with what the actor may change, and the page of
    /// +Add Role's accounts <paramref name="grantable"/> asks for (the first, unfiltered, by default).
    /// </summary>
    Task<RoleAssignmentsView?> GetAsync(
        Guid actorId, Guid accountId, Guid userId, GrantableQuery? grantable = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="changes"/> in one transaction, or none of them: each account is checked for the actor's right
    /// to manage users there, for grants above the actor's own, for Owners (removed only by request) and Agency Administrators
    /// (removed from the whole agency only). A user left with no access anywhere is archived.
    /// </summary>
    Task<CommandResult> ApplyAsync(Guid actorId, Guid accountId, Guid userId, RoleChanges changes, CancellationToken cancellationToken = default);
}

public sealed class RoleAssignments(
    AccountAdminDbContext db, IAccessService access, IActorContext current, AuditTrail audit, EmailOutbox outbox, EmailTemplates templates, ChangeAuthors authors,
    TimeProvider clock)
    : IRoleAssignments
{
    /// <summary>How many accounts +Add Role lists at a time.</summary>
    public const int GrantablePageSize = 50;


    private sealed record AccountRight(Guid AccountId, string Name, bool Manages, bool OwnerLevel);

    public async Task<RoleAssignmentsView?> GetAsync(
        Guid actorId, Guid accountId, Guid userId, GrantableQuery? grantable = null, CancellationToken cancellationToken = default)
    {
        var actor = await access.GetAsync(actorId, accountId, cancellationToken);
        if (actor is null || !actor.Access.Has(Permission.ManageUsers))
        {
            return null;
        }

        var agencyId = actor.Account.AgencyId;
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.EndedAt == null)
            .Select(m => new { m.AccountId, m.Account.Name, m.Account.AgencyId, m.Role, m.Status })
            .ToListAsync(cancellationToken);
        var agencyRoles = await db.AgencyRoleGrants.AsNoTracking()
            .Where(g => g.UserId == userId && g.AgencyId == agencyId).Select(g => g.Role).ToListAsync(cancellationToken);
        var here = memberships.Where(m => m.AgencyId == agencyId).ToList();
        var actorAgency = await access.GetAgencyAsync(actorId, agencyId, cancellationToken);
        var agencyAdmin = actorAgency?.Has(Permission.ManageAgencyRoles) == true;
        var rights = await RightsAsync(actorId, agencyId, agencyAdmin, here.Select(m => m.AccountId).ToList(), cancellationToken);
        var targetIsAgencyAdmin = agencyRoles.Contains(AgencyRole.AgencyAdministrator);
        var self = actorId == userId || await db.Users.AnyAsync(u => u.Id == userId && u.IsSupportStaff, cancellationToken);

        var roles = here
            .GroupBy(m => m.Role)
            .OrderBy(g => g.Key)
            .Select(g => new RoleHolding(g.Key, g.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).Select(m =>
            {
                var right = rights.GetValueOrDefault(m.AccountId);
                var why = self ? AccessErrors.OwnRoles.Message
                    : right is not { Manages: true } ? "You don't manage users in this account."
                    : targetIsAgencyAdmin ? UserErrors.AgencyAdministrator.Message
                    : m.Role == AccountRole.Owner ? UserErrors.OwnerRemoval.Message
                    : null;
                return new HeldAccount(m.AccountId, m.Name, m.Status, why is null, why);
            }).ToList()))
            .ToList();

        return new RoleAssignmentsView(
            actor.Account.AgencyName,
            roles,
            agencyRoles.Order().Select(r => new AgencyRoleHolding(r, agencyAdmin && !self)).ToList(),
            self ? GrantableList.None : await GrantableAsync(actorId, agencyId, agencyAdmin, grantable ?? new GrantableQuery(), cancellationToken),
            agencyAdmin && !self ? Enum.GetValues<AgencyRole>().Except(agencyRoles).ToList() : [],
            memberships.Count - here.Count);
    }

    public async Task<CommandResult> ApplyAsync(
        Guid actorId, Guid accountId, Guid userId, RoleChanges changes, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.AtomicallyAsync(() => ApplyCoreAsync(actorId, accountId, userId, changes, cancellationToken), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(UserErrors.StaleEdit);
        }
    }

    private async Task<CommandResult> ApplyCoreAsync(
        Guid actorId, Guid accountId, Guid userId, RoleChanges changes, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        var agencyId = actor.Account.AgencyId;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.ArchivedAt == null, cancellationToken);
        if (user is null || (!await db.Memberships.AnyAsync(m => m.AccountId == accountId && m.UserId == userId && m.EndedAt == null, cancellationToken)
                             && await access.GetAsync(userId, accountId, cancellationToken) is not { Access.Any: true }))
        {
            return CommandResult.NotFound;
        }

        if (actorId == userId)
        {
            return CommandResult.Refused(AccessErrors.OwnRoles);
        }

        if (user.ConcurrencyStamp != changes.ConcurrencyStamp)
        {
            return CommandResult.Refused(UserErrors.StaleEdit);
        }

        var removeIds = changes.RemoveAccountIds?.Distinct().ToList() ?? [];
        var addIds = changes.AddRole is null ? [] : changes.AddAccountIds?.Distinct().ToList() ?? [];
        var removeAgencyRoles = changes.RemoveAgencyRoles?.Distinct().ToList() ?? [];
        if (changes.AddRole is not null && addIds.Count == 0)
        {
            return CommandResult.Refused(RoleErrors.ChooseAccounts);
        }

        var actorAgency = await access.GetAgencyAsync(actorId, agencyId, cancellationToken);
        var agencyAdmin = actorAgency?.Has(Permission.ManageAgencyRoles) == true;
        if ((changes.AddAgencyRole is not null || removeAgencyRoles.Count > 0) && !agencyAdmin)
        {
            return CommandResult.Refused(RoleErrors.AgencyRolesNotGrantable);
        }

        // An agency role reaches every account of the agency.
        if ((changes.AddAgencyRole is not null || removeAgencyRoles.Count > 0)
            && ActorGuard.RefuseSuspended(actorAgency!, actorAgency!.SuspendedIn.Keys, "AddRole") is { } suspended)
        {
            return suspended;
        }

        if (user.IsSupportStaff && (changes.AddRole is not null || changes.AddAgencyRole is not null))
        {
            return CommandResult.Refused(AccessErrors.SupportStaff);
        }

        // Every account the save touches is checked, whichever account the page is in.
        var touched = removeIds.Concat(addIds).Distinct().ToList();
        var rights = (await access.CompareAsync(actorId, userId, touched, cancellationToken)).ToDictionary(p => p.AccountId);
        if (touched.Any(id => !rights.TryGetValue(id, out var right) || right.AgencyId != agencyId || !right.Actor.Has(Permission.ManageUsers)))
        {
            return CommandResult.Refused(RoleErrors.NotManaged);
        }

        if (changes.AddRole is { } added && addIds.Any(id => PermissionRules.Of(added).Except(rights[id].Actor.Permissions).Any()))
        {
            return CommandResult.Refused(added == AccountRole.Owner ? RoleErrors.OwnerNotGrantable : RoleErrors.RoleAboveActor);
        }

        var grants = await db.AgencyRoleGrants.Where(g => g.UserId == userId && g.AgencyId == agencyId).ToListAsync(cancellationToken);
        var targetIsAgencyAdmin = grants.Any(g => g.Role == AgencyRole.AgencyAdministrator);
        var memberships = await db.Memberships.Where(m => m.UserId == userId && touched.Contains(m.AccountId)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        var removedFrom = new List<string>();
        foreach (var id in removeIds.Where(id => !addIds.Contains(id)))
        {
            var membership = memberships.SingleOrDefault(m => m.AccountId == id && m.EndedAt == null);
            if (membership is null)
            {
                continue;
            }

            if (targetIsAgencyAdmin)
            {
                return CommandResult.Refused(UserErrors.AgencyAdministrator);
            }

            if (membership.Role == AccountRole.Owner)
            {
                return CommandResult.Refused(UserErrors.OwnerRemoval);
            }

            if (!rights[id].ActorManagesTarget)
            {
                return CommandResult.Refused(AccessErrors.TargetOutranksActor);
            }

            // Their groups, schedule and routing stay behind the ended membership: a restore puts them back where they were.
            membership.End(actorId, now);
            audit.Record(AuditActions.MembershipEnded, agencyId, id, userId, membership.Role.Display(), actorId);
            removedFrom.Add(rights[id].AccountName);
        }

        var grantedIn = new List<string>();
        if (changes.AddRole is { } role)
        {
            foreach (var id in addIds)
            {
                var membership = memberships.SingleOrDefault(m => m.AccountId == id);
                if (membership is { EndedAt: null } && membership.Role == role)
                {
                    continue;
                }

                if (membership is { EndedAt: null, Role: AccountRole.Owner })
                {
                    return CommandResult.Refused(RoleErrors.OwnerDemotion);
                }

                if (!rights[id].ActorManagesTarget)
                {
                    return CommandResult.Refused(AccessErrors.TargetOutranksActor);
                }

                if (membership is null)
                {
                    db.Memberships.Add(new Membership(id, user, role, now, actorId));
                    audit.Record(AuditActions.MembershipGranted, agencyId, id, userId, role.Display(), actorId);
                }
                else if (membership.EndedAt is not null)
                {
                    membership.Restore(actorId, now);
                    membership.ChangeRole(role);
                    membership.RefreshKeys(user);
                    audit.Record(AuditActions.MembershipGranted, agencyId, id, userId, role.Display(), actorId);
                }
                else
                {
                    audit.Record(AuditActions.RoleChanged, agencyId, id, userId, $"{membership.Role.Display()} to {role.Display()}", actorId);
                    membership.ChangeRole(role);
                }

                var left = new List<PlacementChange>();
                if (!AgentPlacements.TakesGroups(role))
                {
                    left.AddRange(await AgentPlacements.LeaveGroupsAsync(db, id, userId, cancellationToken));
                }

                if (role != AccountRole.CallAgent)
                {
                    left.AddRange(await AgentPlacements.LeaveRoutingAsync(db, id, userId, cancellationToken));
                }

                foreach (var change in left)
                {
                    audit.Record(change.Action, agencyId, id, userId, $"{change.Details} (role now {role.Display()})", actorId);
                }

                grantedIn.Add(rights[id].AccountName);
            }
        }

        var by = await authors.OfAsync(actorId, cancellationToken);
        foreach (var grant in grants.Where(g => removeAgencyRoles.Contains(g.Role)))
        {
            db.AgencyRoleGrants.Remove(grant);
            audit.Record(AuditActions.AgencyRoleRemoved, agencyId, accountId, userId, grant.Role.Display(), actorId);
            var (subject, text, html) = templates.AgencyRoleRemoved(user, actor.Account.AgencyName, grant.Role, by);
            outbox.Enqueue(user.Email!, subject, text, html);
        }

        if (changes.AddAgencyRole is { } agencyRole && grants.All(g => g.Role != agencyRole))
        {
            db.AgencyRoleGrants.Add(new AgencyRoleGrant(agencyId, userId, agencyRole, now, actorId));
            audit.Record(AuditActions.AgencyRoleGranted, agencyId, accountId, userId, agencyRole.Display(), actorId);
            var (subject, text, html) = templates.AgencyRoleGranted(user, actor.Account.AgencyName, agencyRole, by);
            outbox.Enqueue(user.Email!, subject, text, html);
        }

        if (removedFrom.Count > 0)
        {
            var (subject, text, html) = templates.RemovedFromAccounts(user, removedFrom, by);
            outbox.Enqueue(user.Email!, subject, text, html);
        }

        if (grantedIn.Count > 0)
        {
            var (subject, text, html) = templates.RoleGranted(user, changes.AddRole!.Value.Display(), grantedIn, by);
            outbox.Enqueue(user.Email!, subject, text, html);
        }

        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = changes.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(cancellationToken);

        if (!await db.HasAnyAccessAsync(userId, cancellationToken))
        {
            await db.ArchiveAsync(user, now, cancellationToken);
            audit.Record(AuditActions.UserArchived, agencyId, accountId, userId, "No access left anywhere", actorId);
            await db.SaveChangesAsync(cancellationToken);
        }

        return CommandResult.Done;
    }

    /// <summary>For each account of the agency (those given, or all), whether the actor manages users there and at Owner level.</summary>
    private async Task<Dictionary<Guid, AccountRight>> RightsAsync(
        Guid actorId, Guid agencyId, bool agencyAdmin, IReadOnlyList<Guid>? accountIds, CancellationToken cancellationToken)
    {
        var accounts = db.Accounts.AsNoTracking().Where(a => a.AgencyId == agencyId);
        if (current.UserId == actorId && current.ConfinedToAccountId is { } only)
        {
            accounts = accounts.Where(a => a.Id == only);
        }

        if (accountIds is not null)
        {
            accounts = accounts.Where(a => accountIds.Contains(a.Id));
        }

        var rows = await accounts
            .Select(a => new
            {
                a.Id,
                a.Name,
                Role = db.Memberships.Where(m => m.AccountId == a.Id && m.UserId == actorId && m.EndedAt == null && m.Status == MembershipStatus.Active)
                    .Select(m => (AccountRole?)m.Role).FirstOrDefault(),
                DivisionAdministrator = db.DivisionAdministrators.Any(d => d.DivisionId == a.DivisionId && d.UserId == actorId),
            })
            .Where(a => agencyAdmin || a.DivisionAdministrator || a.Role == AccountRole.Owner || a.Role == AccountRole.Administrator
                        || accountIds != null)
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.Id,
            r => new AccountRight(
                r.Id, r.Name,
                agencyAdmin || r.DivisionAdministrator || r.Role is AccountRole.Owner or AccountRole.Administrator,
                agencyAdmin || r.Role is AccountRole.Owner));
    }

    /// <summary>
    /// The accounts of the agency where the actor manages users (every one for an Agency Administrator; else where they are
    /// an active Owner or Administrator, or administer the division), in the database, so that a page costs the same
    /// whatever the agency's size; Owner where the actor is an Agency Administrator or an Owner.
    /// </summary>
    private async Task<GrantableList> GrantableAsync(
        Guid actorId, Guid agencyId, bool agencyAdmin, GrantableQuery query, CancellationToken cancellationToken)
    {
        var accounts = db.Accounts.AsNoTracking().Where(a => a.AgencyId == agencyId);
        if (current.UserId == actorId && current.ConfinedToAccountId is { } only)
        {
            accounts = accounts.Where(a => a.Id == only);
        }

        if (!agencyAdmin)
        {
            accounts = accounts.Where(a =>
                db.Memberships.Any(m => m.AccountId == a.Id && m.UserId == actorId && m.EndedAt == null && m.Status == MembershipStatus.Active
                                        && (m.Role == AccountRole.Owner || m.Role == AccountRole.Administrator))
                || db.DivisionAdministrators.Any(d => d.DivisionId == a.DivisionId && d.UserId == actorId));
        }

        System.Linq.Expressions.Expression<Func<Account, GrantableAccount>> grantable = a => new GrantableAccount(
            a.Id, a.Name,
            agencyAdmin || db.Memberships.Any(m => m.AccountId == a.Id && m.UserId == actorId && m.EndedAt == null
                                                   && m.Status == MembershipStatus.Active && m.Role == AccountRole.Owner));
        var chosenIds = (query.Chosen ?? []).Distinct().Take(DivisionRules.MaxPicked).ToList();
        var chosen = chosenIds.Count == 0
            ? []
            : (await accounts.Where(a => chosenIds.Contains(a.Id)).Select(grantable).ToListAsync(cancellationToken))
                .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var matching = accounts;
        if (!string.IsNullOrWhiteSpace(query.Filter))
        {
            var term = query.Filter.Trim().ToLowerInvariant();
            matching = matching.Where(a => a.Name.ToLower().Contains(term));
        }

        var from = query.After is { } after
            ? await db.Accounts.AsNoTracking().Where(a => a.Id == after).Select(a => new { a.Id, a.Name }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var forward = from is null
            ? matching
            : matching.Where(a => string.Compare(a.Name, from.Name) > 0 || (a.Name == from.Name && a.Id.CompareTo(from.Id) > 0));
        var page = await forward.OrderBy(a => a.Name).ThenBy(a => a.Id).Take(GrantablePageSize + 1).Select(grantable).ToListAsync(cancellationToken);
        var ownerAnywhere = agencyAdmin || await accounts.AnyAsync(
            a => db.Memberships.Any(m => m.AccountId == a.Id && m.UserId == actorId && m.EndedAt == null && m.Status == MembershipStatus.Active && m.Role == AccountRole.Owner),
            cancellationToken);
        return new GrantableList(
            page.Take(GrantablePageSize).ToList(), chosen, await matching.CountAsync(cancellationToken),
            page.Count > GrantablePageSize ? page[GrantablePageSize - 1].AccountId : null, ownerAnywhere);
    }
}
