using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Permissions;

/// <summary>The facts about one user and one account that decide what the user may do there.</summary>
public sealed record AccessFacts(
    bool UserArchived,
    AccountRole? MembershipRole,
    MembershipStatus? MembershipStatus,
    IReadOnlyCollection<AgencyRole> AgencyRoles,
    string? DivisionName,
    bool IsDivisionAdministrator,
    bool IsDivisionMember);

/// <summary>DESIGN.md's permission table as code: roles to permissions, grants to access.</summary>
public static class PermissionRules
{
    private static readonly Permission[] OwnerPermissions =
    [
        Permission.ManageUsers, Permission.ManageOwners, Permission.ManageAccountSettings, Permission.ViewBilling,
        Permission.ManageReports, Permission.ViewAllCalls, Permission.MakeCalls,
    ];

    public static IReadOnlyList<Permission> Of(AccountRole role) => role switch
    {
        AccountRole.Owner => OwnerPermissions,
        AccountRole.Administrator => OwnerPermissions.Where(p => p != Permission.ManageOwners).ToArray(),
        AccountRole.BillingManager => [Permission.ViewBilling],
        AccountRole.ReportManager => [Permission.ManageReports, Permission.ViewAllCalls, Permission.MakeCalls],
        AccountRole.CallManager => [Permission.ViewAllCalls, Permission.MakeCalls],
        AccountRole.CallAgent => [Permission.MakeCalls],
        _ => [],
    };

    public static IReadOnlyList<Permission> Of(AgencyRole role) => role switch
    {
        AgencyRole.AgencyAdministrator =>
        [
            .. OwnerPermissions,
            Permission.ManageDivisions, Permission.CreateAccounts, Permission.ManageAgencyUsers, Permission.ManageAgencyRoles,
        ],
        AgencyRole.AgencyBillingManager => [Permission.ViewBilling],
        AgencyRole.MarketingManager => [Permission.ManageReports, Permission.ViewAllCalls],
        _ => [],
    };

    /// <summary>What administering a division adds agency-wide: new accounts, which go into that division (seed 002).</summary>
    public static readonly IReadOnlyList<Permission> OfDivisionAdministration = [Permission.CreateAccounts];

    public static AccountAccess Evaluate(AccessFacts facts)
    {
        if (facts.UserArchived)
        {
            return AccountAccess.None(AccessDenial.Archived);
        }

        if (facts.MembershipStatus == MembershipStatus.Suspended)
        {
            return AccountAccess.None(AccessDenial.Suspended);
        }

        var grants = new List<PermissionGrant>();
        if (facts.MembershipRole is { } role)
        {
            Add(grants, Grant.Of(role), Of(role));
        }

        foreach (var agencyRole in facts.AgencyRoles.Order())
        {
            Add(grants, Grant.Of(agencyRole), Of(agencyRole));
        }

        if (facts.DivisionName is { } division)
        {
            if (facts.IsDivisionAdministrator)
            {
                Add(grants, Grant.AdministratorOf(division), Of(AccountRole.Administrator));
            }

            if (facts.IsDivisionMember)
            {
                Add(grants, Grant.MemberOf(division), Of(AccountRole.ReportManager));
            }
        }

        return new AccountAccess(grants, grants.Count == 0 ? AccessDenial.NoGrant : null);
    }

    private static void Add(List<PermissionGrant> grants, Grant source, IEnumerable<Permission> permissions) =>
        grants.AddRange(permissions.Select(p => new PermissionGrant(p, source)));
}
