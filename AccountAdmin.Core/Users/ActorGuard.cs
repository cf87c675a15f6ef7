using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;

namespace AccountAdmin.Core.Users;

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
    /// Their membership's <paramref name="role"/> counts even while suspended.
    /// </summary>
    public static async Task<bool> OutranksAsync(
        this IAccessService access, Guid actorId, Guid accountId, Guid userId, AccountRole? role, CancellationToken cancellationToken)
    {
        if (actorId == userId)
        {
            return false;
        }

        var actor = await access.GetAsync(actorId, accountId, cancellationToken);
        var theirs = role is { } r ? PermissionRules.Of(r).ToHashSet() : [];
        theirs.UnionWith((await access.GetAsync(userId, accountId, cancellationToken))?.Access.Permissions ?? []);
        return theirs.Except(actor?.Access.Permissions ?? []).Any();
    }
}
