using AccountAdmin.Core.Model;

namespace AccountAdmin.Tests.Core.Authorization;

/// <summary>The account permissions of DESIGN.md's table, written out again here so that the oracle does not trust Core's.</summary>
[Flags]
public enum Can
{
    Nothing = 0,
    ManageUsers = 1,
    ManageOwners = 2,
    ManageAccountSettings = 4,
    ViewBilling = 8,
    ManageReports = 16,
    ViewCallLog = 32,
    MakeCalls = 64,
    Everything = 127,
}

/// <summary>Someone acting: a user as themselves, or a user being impersonated, kept to one account unless by support staff.</summary>
public sealed record WorldActor(Guid UserId, Guid? ImpersonatorId, Guid? ConfinedTo, string Label)
{
    public bool Impersonated => ImpersonatorId is not null;
}

/// <summary>
/// DESIGN.md "Roles and permissions", read off a <see cref="WorldSnapshot"/>: what each role allows, and what a user may
/// do in an account from all their grants there. Independent of Core's PermissionRules and AccessService by design.
/// </summary>
public static class PermissionTable
{
    public static Can Of(AccountRole role) => role switch
    {
        AccountRole.Owner => Can.Everything,
        AccountRole.Administrator => Can.Everything & ~Can.ManageOwners,
        AccountRole.BillingManager => Can.ViewBilling,
        AccountRole.ReportManager => Can.ManageReports | Can.ViewCallLog | Can.MakeCalls,
        AccountRole.CallManager => Can.ViewCallLog | Can.MakeCalls,
        AccountRole.CallAgent => Can.MakeCalls,
        _ => Can.Nothing,
    };

    /// <summary>Agency Administrator is Owner-level on every account; the agency-wide powers are asked for separately.</summary>
    public static Can Of(AgencyRole role) => role switch
    {
        AgencyRole.AgencyAdministrator => Can.Everything,
        AgencyRole.AgencyBillingManager => Can.ViewBilling,
        AgencyRole.MarketingManager => Can.ManageReports | Can.ViewCallLog,
        _ => Can.Nothing,
    };

    public static bool Covers(this Can actor, Can other) => (other & ~actor) == Can.Nothing;

    /// <summary>
    /// What <paramref name="userId"/> may do in the account: the union of their grants; nothing while suspended there,
    /// nothing anywhere once archived.
    /// </summary>
    public static Can Effective(this WorldSnapshot world, Guid userId, Guid accountId)
    {
        if (!world.Users.TryGetValue(userId, out var user) || user.Archived
            || world.CurrentMembership(accountId, userId) is { Status: MembershipStatus.Suspended })
        {
            return Can.Nothing;
        }

        return world.Grants(userId, accountId, countSuspended: false);
    }

    /// <summary>
    /// What the user could do in the account, counting a suspended membership's role (a suspension is lifted by someone
    /// who could have granted the role): what an actor must cover to change the user there.
    /// </summary>
    public static Can Potential(this WorldSnapshot world, Guid userId, Guid accountId) => world.Grants(userId, accountId, countSuspended: true);

    private static Can Grants(this WorldSnapshot world, Guid userId, Guid accountId, bool countSuspended)
    {
        if (!world.Accounts.TryGetValue(accountId, out var account))
        {
            return Can.Nothing;
        }

        var can = Can.Nothing;
        if (world.CurrentMembership(accountId, userId) is { } membership && (countSuspended || membership.Status == MembershipStatus.Active))
        {
            can |= Of(membership.Role);
        }

        foreach (var grant in world.AgencyRoles.Where(g => g.UserId == userId && g.AgencyId == account.AgencyId))
        {
            can |= Of(grant.Role);
        }

        if (account.DivisionId is { } division)
        {
            if (world.DivisionAdministrators.Contains(new(division, userId)))
            {
                can |= Of(AccountRole.Administrator);
            }

            if (world.DivisionMembers.Contains(new(division, userId)))
            {
                can |= Of(AccountRole.ReportManager);
            }
        }

        return can;
    }

    /// <summary>What the actor may do in the account: the acting user's own grants, and nothing outside an impersonation's account.</summary>
    public static Can ActorCan(this WorldSnapshot world, WorldActor actor, Guid accountId) =>
        actor.ConfinedTo is { } only && only != accountId ? Can.Nothing : world.Effective(actor.UserId, accountId);

    /// <summary>Agency Administrator of the agency, able to use its agency-wide powers: not archived, not kept to one account.</summary>
    public static bool IsAgencyAdministrator(this WorldSnapshot world, WorldActor actor, Guid agencyId) =>
        actor.ConfinedTo is null && world.Users.TryGetValue(actor.UserId, out var user) && !user.Archived
        && world.AgencyRoles.Contains(new(agencyId, actor.UserId, AgencyRole.AgencyAdministrator));

    public static bool IsDivisionAdministrator(this WorldSnapshot world, WorldActor actor, Guid divisionId) =>
        actor.ConfinedTo is null && world.Users.TryGetValue(actor.UserId, out var user) && !user.Archived
        && world.DivisionAdministrators.Contains(new(divisionId, actor.UserId));

    /// <summary>The accounts the user can open: where they may do anything at all.</summary>
    public static IReadOnlyList<Guid> OpenAccounts(this WorldSnapshot world, Guid userId) =>
        world.Accounts.Keys.Where(id => world.Effective(userId, id) != Can.Nothing).ToList();

    /// <summary>The accounts the user holds a grant in, a suspended membership included.</summary>
    public static IReadOnlyList<Guid> Places(this WorldSnapshot world, Guid userId) =>
        world.Accounts.Keys.Where(id => world.Grants(userId, id, countSuspended: true) != Can.Nothing).ToList();

    /// <summary>Whether the user works in the account: a current membership (suspended or not), or any access there.</summary>
    public static bool WorksIn(this WorldSnapshot world, Guid userId, Guid accountId) =>
        world.CurrentMembership(accountId, userId) is not null || world.Effective(userId, accountId) != Can.Nothing;

    /// <summary>Whether the user holds anything at all: a current membership, an agency role, a place in a division.</summary>
    public static bool HoldsAnything(this WorldSnapshot world, Guid userId) =>
        world.Memberships.Values.Any(m => m.UserId == userId && m.Current)
        || world.AgencyRoles.Any(g => g.UserId == userId)
        || world.DivisionMembers.Any(d => d.UserId == userId)
        || world.DivisionAdministrators.Any(d => d.UserId == userId);
}
