using AccountAdmin.Core.Permissions;

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
