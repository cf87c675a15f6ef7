using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Permissions;

internal static class ActorGuard
{
    /// <summary>
    /// The first guard of every change to an account: the account exists (else NotFound) and the actor holds
    /// <paramref name="permission"/> there (else Forbidden). Exactly one of the two results is set.
    /// </summary>
    public static async Task<(AccountContext? Actor, CommandResult? Refusal)> ActorAsync(
        this IAccessService access, Guid actorId, Guid accountId, Permission permission, CancellationToken cancellationToken)
    {
        var actor = await access.GetAsync(actorId, accountId, cancellationToken);
        return actor is null ? (null, CommandResult.NotFound)
            : !actor.Access.Has(permission) ? (null, CommandResult.Forbidden)
            : (actor, null);
    }

    /// <summary>
    /// The guards of an administrator's change to how a user signs in (their second factor, their sessions), which reaches
    /// every account the user works in: not the actor's own (that is done on their profile, with their password); Manage
    /// Users in <paramref name="accountId"/>, where the user has a place; not outranked there; Manage Users in the user's
    /// home account or its agency; and nowhere the user works may they do more than the actor. Null when all hold.
    /// </summary>
    public static async Task<CommandResult?> RefuseSignInChangeAsync(
        this IAccessService access, AccountAdminDbContext db, Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken)
    {
        if (actorId == userId)
        {
            return CommandResult.Refused(AccessErrors.OwnSignIn);
        }

        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return refusal;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.ArchivedAt == null)
            .Select(u => new { u.HomeAccountId, Member = db.Memberships.Any(m => m.AccountId == accountId && m.UserId == u.Id && m.EndedAt == null) })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || (!user.Member && await access.GetAsync(userId, accountId, cancellationToken) is not { Access.Any: true }))
        {
            return CommandResult.NotFound;
        }

        if (await access.OutranksAsync(actorId, accountId, userId, cancellationToken))
        {
            return CommandResult.Refused(AccessErrors.TargetOutranksActor);
        }

        if (user.HomeAccountId is not { } home || await access.GetAsync(actorId, home, cancellationToken) is not { } there
            || !there.Access.Has(Permission.ManageUsers))
        {
            return CommandResult.Refused(AccessErrors.NotHomeAccount);
        }

        var beyond = await access.BeyondReachAsync(actorId, userId, cancellationToken);
        return beyond.Count > 0 ? CommandResult.Refused(AccessErrors.SignInBeyondReach(beyond.Select(p => p.AccountName))) : null;
    }

    /// <summary>
    /// Whether the user can do something in the account that the actor cannot: "Administrators cannot act on Owners".
    /// The user's grants count even while their membership there is suspended: suspension is no lowering of rank.
    /// </summary>
    public static async Task<bool> OutranksAsync(
        this IAccessService access, Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken)
    {
        if (actorId == userId)
        {
            return false;
        }

        var pair = (await access.CompareAsync(actorId, userId, [accountId], cancellationToken)).SingleOrDefault();
        return pair is not null && pair.Target.Permissions.Except(pair.Actor.Permissions).Any();
    }

    /// <summary>
    /// The accounts a change to the user himself (name, e-mail, password, settings) would reach where the actor may not
    /// make it: every account the user holds a grant in counts, not only the one in the address. Acting on yourself, only
    /// an impersonation kept to another account stops you.
    /// </summary>
    public static async Task<IReadOnlyList<AccessPair>> BeyondReachAsync(
        this IAccessService access, Guid actorId, Guid userId, CancellationToken cancellationToken) =>
        (await access.CompareAsync(actorId, userId, null, cancellationToken))
            .Where(p => actorId == userId ? p.Actor.Denial == AccessDenial.OutsideImpersonation : !p.ActorManagesTarget)
            .ToList();

    /// <summary>
    /// The refusal of an agency-wide change (agency roles, divisions) that reaches an account where the actor is suspended;
    /// null when it reaches none. Suspended there, they may do nothing there, whatever their agency-wide grant.
    /// </summary>
    public static CommandResult? RefuseSuspended(AgencyContext actor, IEnumerable<Guid> reached, string field = "") =>
        actor.SuspendedInAny(reached) is { } name ? CommandResult.Refused(AccessErrors.SuspendedThere(name, field)) : null;

    /// <summary>The refusal of a change to a user that reaches accounts the actor may not change; null when there are none.</summary>
    public static CommandResult? RefuseBeyond(IReadOnlyList<AccessPair> beyond, string field = "") =>
        beyond.Count == 0 ? null : CommandResult.Refused(AccessErrors.BeyondReach(beyond.Select(p => p.AccountName), field));
}
