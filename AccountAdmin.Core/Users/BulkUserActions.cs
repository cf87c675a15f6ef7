using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Placements;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Users;

public enum BulkUserAction
{
    Suspend = 1,
    Unsuspend = 2,
    Remove = 3,
    ChangeRole = 4,
}

/// <summary>One bulk change asked on Manage Users: what to do, to whom, and for a change of role, to which role.</summary>
public sealed record BulkUserRequest(BulkUserAction Action, IReadOnlyCollection<Guid> UserIds, AccountRole? Role = null);

public sealed record BulkUser(Guid UserId, string Name, string Email);

/// <summary>A chosen user the change leaves alone, and why.</summary>
public sealed record BulkRefusal(BulkUser User, string Reason);

/// <summary>
/// What a bulk change would do, computed from the database as it is: the users it changes, those it leaves alone with the
/// reason, and how many chosen ids are no users of the account (another account's, or made up).
/// </summary>
public sealed record BulkUserPlan(
    BulkUserAction Action, AccountRole? Role, string AccountName, IReadOnlyList<BulkUser> Changes, IReadOnlyList<BulkRefusal> Refusals, int Unknown)
{
    /// <summary>
    /// Names this plan: the action, the users it changes and those it leaves. A confirmation carries it back, and the change
    /// is made only while the plan is still the same.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var text = string.Join(
                ";", [$"{Action}:{Role}:{Unknown}", .. Changes.Select(c => c.UserId.ToString("N")).Order(), "|", .. Refusals.Select(r => r.User.UserId.ToString("N")).Order()]);
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32].ToLowerInvariant();
        }
    }
}

public interface IBulkUserActions
{
    /// <summary>
    /// What <paramref name="request"/> would change in the account, user by user; a refusal of the whole request (no
    /// permission, no such account, a role above the actor's, too many users) instead of a plan.
    /// </summary>
    Task<(BulkUserPlan? Plan, CommandResult? Refusal)> PlanAsync(
        Guid actorId, Guid accountId, BulkUserRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the change planned, in one transaction, with one statement per table whatever the number of users, an audit
    /// event and an e-mail per user. Refused, changing nothing, when the plan is no longer the one confirmed
    /// (its <see cref="BulkUserPlan.Fingerprint"/>, <paramref name="confirmed"/>): someone changed these users meanwhile. The
    /// plan comes back either way: what was done, or what would be done now.
    /// </summary>
    Task<(BulkUserPlan? Plan, CommandResult Result)> ApplyAsync(
        Guid actorId, Guid accountId, BulkUserRequest request, string confirmed, CancellationToken cancellationToken = default);
}

public static class BulkUserErrors
{
    public const int MaxUsers = 5_000;

    public static readonly CommandError TooMany = new(
        "TooMany", $"Choose at most {MaxUsers:N0} users at a time: narrow the search, or change the users in several steps.");
    public static readonly CommandError NoneChosen = new("NoneChosen", "Choose the users to change: tick them in the list.");
    public static readonly CommandError ChooseRole = new("ChooseRole", "Choose the role to give.", "Role");
    public static readonly CommandError OwnerRole = new(
        "OwnerRole", "Owners are made one at a time, from the user's page: choose another role.", "Role");
    public static readonly CommandError RoleAboveActor = new("RoleAboveActor", "You can't give a role above your own.", "Role");
    public static readonly CommandError Changed = new(
        "Changed", "Some of these users were changed by someone else meanwhile, so nothing was changed. Check the new list below and confirm again.");

    public const string Yourself = "That is you: you can't change your own access here.";
    public const string Owner = "Owners are changed one at a time, from their page (an Owner approves their own removal).";
    public const string AgencyAdministrator = "Agency Administrators are changed across the agency, from All Accounts.";
    public const string Outranks = "They can do more in this account than you can.";
    public const string AlreadySuspended = "Already suspended.";
    public const string NotSuspended = "Not suspended.";
    public static string Indirect(string source) => $"Their access here comes {source}: change it there.";
    public static string AlreadyRole(AccountRole role) => $"Already {role.Display()}.";
}

/// <summary>
/// Manage Users' bulk actions. Every chosen user is judged by the rules of the one-user change, in a few queries whatever
/// their number; the change is set-based and guarded by the state it planned from, so of two bulk changes at once on the
/// same users one wins and the other is refused.
/// </summary>
public sealed class BulkUserActions(
    AccountAdminDbContext db, IAccessService access, AuditTrail audit, EmailOutbox outbox, EmailTemplates templates, ChangeAuthors authors,
    TimeProvider clock)
    : IBulkUserActions
{
    private sealed record Target(
        BulkUser User, AccountRole? Role, MembershipStatus? Status, IReadOnlyList<AgencyRole> AgencyRoles,
        bool DivisionAdministrator, bool DivisionMember);

    public async Task<(BulkUserPlan? Plan, CommandResult? Refusal)> PlanAsync(
        Guid actorId, Guid accountId, BulkUserRequest request, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return (null, refusal);
        }

        var ids = request.UserIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return (null, CommandResult.Refused(BulkUserErrors.NoneChosen));
        }

        if (ids.Count > BulkUserErrors.MaxUsers)
        {
            return (null, CommandResult.Refused(BulkUserErrors.TooMany));
        }

        if (request.Action == BulkUserAction.ChangeRole)
        {
            if (request.Role is not { } role || !Enum.IsDefined(role))
            {
                return (null, CommandResult.Refused(BulkUserErrors.ChooseRole));
            }

            if (role == AccountRole.Owner)
            {
                return (null, CommandResult.Refused(BulkUserErrors.OwnerRole));
            }

            if (PermissionRules.Of(role).Except(actor.Access.Permissions).Any())
            {
                return (null, CommandResult.Refused(BulkUserErrors.RoleAboveActor));
            }
        }

        var targets = await TargetsAsync(actor.Account, ids, cancellationToken);
        var changes = new List<BulkUser>();
        var refusals = new List<BulkRefusal>();
        foreach (var target in targets.OrderBy(t => t.User.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(t => t.User.Email))
        {
            if (Refusal(actorId, actor, request, target) is { } reason)
            {
                refusals.Add(new BulkRefusal(target.User, reason));
            }
            else
            {
                changes.Add(target.User);
            }
        }

        var newRole = request.Action == BulkUserAction.ChangeRole ? request.Role : null;
        return (new BulkUserPlan(request.Action, newRole, actor.Account.AccountName, changes, refusals, ids.Count - targets.Count), null);
    }

    /// <summary>Why the one-user change would be refused for this user; null when it would be made.</summary>
    private static string? Refusal(Guid actorId, AccountContext actor, BulkUserRequest request, Target target)
    {
        if (target.User.UserId == actorId)
        {
            return BulkUserErrors.Yourself;
        }

        if (target.AgencyRoles.Contains(AgencyRole.AgencyAdministrator))
        {
            return BulkUserErrors.AgencyAdministrator;
        }

        if (target.Role is null)
        {
            var source = target.AgencyRoles.Count > 0 ? $"from their agency role {target.AgencyRoles.Min().Display()}"
                : target.DivisionAdministrator ? $"from administering the division {actor.Account.DivisionName}"
                : $"from the division {actor.Account.DivisionName}";
            return BulkUserErrors.Indirect(source);
        }

        if (target.Role == AccountRole.Owner)
        {
            return BulkUserErrors.Owner;
        }

        var rank = PermissionRules.Evaluate(new AccessFacts(
            false, target.Role, MembershipStatus.Active, target.AgencyRoles, actor.Account.DivisionName, target.DivisionAdministrator,
            target.DivisionMember));
        if (rank.Permissions.Except(actor.Access.Permissions).Any())
        {
            return BulkUserErrors.Outranks;
        }

        return request.Action switch
        {
            BulkUserAction.Suspend when target.Status == MembershipStatus.Suspended => BulkUserErrors.AlreadySuspended,
            BulkUserAction.Unsuspend when target.Status != MembershipStatus.Suspended => BulkUserErrors.NotSuspended,
            BulkUserAction.ChangeRole when target.Role == request.Role => BulkUserErrors.AlreadyRole(target.Role.Value),
            _ => null,
        };
    }

    /// <summary>The chosen users who have any grant in the account, with what decides the rules; others are left out.</summary>
    private async Task<List<Target>> TargetsAsync(AccountScope account, List<Guid> ids, CancellationToken cancellationToken)
    {
        var divisionId = account.DivisionId ?? Guid.Empty;
        var users = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new
            {
                u.Id, u.FirstName, u.LastName, u.Email, u.ArchivedAt,
                Membership = db.Memberships.Where(m => m.AccountId == account.AccountId && m.UserId == u.Id && m.EndedAt == null)
                    .Select(m => new { m.Role, m.Status }).FirstOrDefault(),
                DivisionAdministrator = db.DivisionAdministrators.Any(d => d.DivisionId == divisionId && d.UserId == u.Id),
                DivisionMember = db.DivisionMembers.Any(d => d.DivisionId == divisionId && d.UserId == u.Id),
            })
            .ToListAsync(cancellationToken);
        var agencyRoles = (await db.AgencyRoleGrants.AsNoTracking()
                .Where(g => g.AgencyId == account.AgencyId && ids.Contains(g.UserId))
                .Select(g => new { g.UserId, g.Role })
                .ToListAsync(cancellationToken))
            .ToLookup(g => g.UserId, g => g.Role);

        return users
            .Where(u => u.ArchivedAt is null && (u.Membership is not null || agencyRoles[u.Id].Any() || u.DivisionAdministrator || u.DivisionMember))
            .Select(u => new Target(
                new BulkUser(u.Id, $"{u.FirstName} {u.LastName}".Trim(), u.Email!), u.Membership?.Role, u.Membership?.Status,
                agencyRoles[u.Id].ToList(), u.DivisionAdministrator, u.DivisionMember))
            .ToList();
    }

    public async Task<(BulkUserPlan? Plan, CommandResult Result)> ApplyAsync(
        Guid actorId, Guid accountId, BulkUserRequest request, string confirmed, CancellationToken cancellationToken = default)
    {
        BulkUserPlan? done = null;
        var result = await db.OnceAsync(
            async () =>
            {
                var (plan, refusal) = await PlanAsync(actorId, accountId, request, cancellationToken);
                if (plan is null)
                {
                    return refusal!;
                }

                if (plan.Fingerprint != confirmed)
                {
                    done = plan;
                    return CommandResult.Refused(BulkUserErrors.Changed);
                }

                var scope = (await access.GetAsync(actorId, accountId, cancellationToken))!.Account;
                if (!await ChangeAsync(actorId, scope, request, plan, cancellationToken))
                {
                    throw new DbUpdateConcurrencyException("A bulk change met users changed meanwhile.");
                }

                done = plan;
                return CommandResult.Done;
            },
            BulkUserErrors.Changed,
            cancellationToken);
        return (done, result);
    }

    /// <summary>The change itself: false when a guarded statement found fewer rows than planned (changed meanwhile).</summary>
    private async Task<bool> ChangeAsync(Guid actorId, AccountScope scope, BulkUserRequest request, BulkUserPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Changes.Count == 0)
        {
            return true;
        }

        var ids = plan.Changes.Select(c => c.UserId).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var memberships = db.Memberships.Where(m => m.AccountId == scope.AccountId && ids.Contains(m.UserId) && m.EndedAt == null);
        var before = await memberships.AsNoTracking().Select(m => new { m.UserId, m.Role }).ToDictionaryAsync(m => m.UserId, m => m.Role, cancellationToken);
        int changed;
        string action;
        switch (request.Action)
        {
            case BulkUserAction.Suspend:
                changed = await memberships.Where(m => m.Status == MembershipStatus.Active && m.Role != AccountRole.Owner)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(m => m.Status, MembershipStatus.Suspended).SetProperty(m => m.SuspendedAt, now).SetProperty(m => m.SuspendedById, actorId),
                        cancellationToken);
                action = AuditActions.MembershipSuspended;
                break;
            case BulkUserAction.Unsuspend:
                changed = await memberships.Where(m => m.Status == MembershipStatus.Suspended && m.Role != AccountRole.Owner)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(m => m.Status, MembershipStatus.Active).SetProperty(m => m.SuspendedAt, (DateTime?)null)
                            .SetProperty(m => m.SuspendedById, (Guid?)null),
                        cancellationToken);
                action = AuditActions.MembershipUnsuspended;
                break;
            case BulkUserAction.Remove:
                changed = await memberships.Where(m => m.Role != AccountRole.Owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.EndedAt, now).SetProperty(m => m.EndedById, actorId), cancellationToken);
                action = AuditActions.MembershipEnded;
                break;
            default:
                var role = plan.Role!.Value;
                changed = await memberships.Where(m => m.Role != role && m.Role != AccountRole.Owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role), cancellationToken);
                if (!AgentPlacements.TakesGroups(role))
                {
                    await db.AccessControlGroupMembers
                        .Where(m => ids.Contains(m.UserId) && db.AccessControlGroups.Any(g => g.Id == m.GroupId && g.AccountId == scope.AccountId))
                        .ExecuteDeleteAsync(cancellationToken);
                }

                action = AuditActions.RoleChanged;
                break;
        }

        if (changed != ids.Count || before.Count != ids.Count)
        {
            return false;
        }

        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        var by = await authors.OfAsync(actorId, cancellationToken);
        var events = new List<AuditEvent>(ids.Count * 2);
        var messages = new List<OutboxMessage>(ids.Count);
        foreach (var user in users)
        {
            var was = before[user.Id];
            var details = request.Action == BulkUserAction.ChangeRole ? $"{was.Display()} to {plan.Role!.Value.Display()}" : was.Display();
            events.Add(audit.Create(action, scope.AgencyId, scope.AccountId, user.Id, details + " (bulk change)", actorId));
            var mail = request.Action switch
            {
                BulkUserAction.Suspend => templates.Suspended(user, scope.AccountName, by),
                BulkUserAction.Remove => templates.RemovedFromAccount(user, scope.AccountName, by),
                BulkUserAction.ChangeRole => templates.RoleGranted(user, plan.Role!.Value.Display(), [scope.AccountName], by),
                _ => ((string, string, string)?)null,
            };
            if (mail is var (subject, text, html))
            {
                messages.Add(outbox.Compose(user.Email!, subject, text, html));
            }
        }

        if (request.Action == BulkUserAction.Remove)
        {
            events.AddRange(await ArchiveWithoutAccessAsync(actorId, scope, ids, now, cancellationToken));
        }

        await audit.RecordAllAsync(events, cancellationToken);
        await outbox.EnqueueAllAsync(messages, cancellationToken);
        return true;
    }

    /// <summary>
    /// After a bulk removal: the removed users who have no access left anywhere are archived (password, passkeys and
    /// sessions gone), as one removal does. Their rows are locked first, as <see cref="AccessLeft.HasAnyAccessAsync"/> does.
    /// </summary>
    private async Task<List<AuditEvent>> ArchiveWithoutAccessAsync(
        Guid actorId, AccountScope scope, List<Guid> ids, DateTime now, CancellationToken cancellationToken)
    {
        await db.Users.Where(u => ids.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.ConcurrencyStamp, u => u.ConcurrencyStamp), cancellationToken);
        var leftWithout = db.Users.Where(u => ids.Contains(u.Id) && u.ArchivedAt == null
            && !db.Memberships.Any(m => m.UserId == u.Id && m.EndedAt == null)
            && !db.AgencyRoleGrants.Any(g => g.UserId == u.Id)
            && !db.DivisionMembers.Any(d => d.UserId == u.Id)
            && !db.DivisionAdministrators.Any(d => d.UserId == u.Id));
        var archived = await leftWithout.Select(u => u.Id).ToListAsync(cancellationToken);
        if (archived.Count == 0)
        {
            return [];
        }

        // Each user's new stamp is unique and unguessable: a fresh secret before their id.
        var stamp = Guid.NewGuid().ToString("N");
        await db.Set<IdentityUserPasskey<Guid>>().Where(p => archived.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => archived.Contains(u.Id)).ExecuteUpdateAsync(
            s => s.SetProperty(u => u.ArchivedAt, now).SetProperty(u => u.PasswordHash, (string?)null).SetProperty(u => u.PasskeyCount, 0)
                .SetProperty(u => u.SecurityStamp, u => stamp + u.Id.ToString())
                .SetProperty(u => u.ConcurrencyStamp, stamp),
            cancellationToken);
        return archived.Select(id => audit.Create(AuditActions.UserArchived, scope.AgencyId, scope.AccountId, id, "No access left anywhere", actorId)).ToList();
    }
}
