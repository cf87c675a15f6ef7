using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Permissions;

public enum GrantKind
{
    Membership = 1,
    AgencyRole = 2,
    DivisionAdministrator = 3,
    DivisionMember = 4,
}

/// <summary>Where a user's permissions in an account come from.</summary>
public sealed record Grant(GrantKind Kind, AccountRole? AccountRole = null, AgencyRole? AgencyRole = null, string? DivisionName = null)
{
    public static Grant Of(AccountRole role) => new(GrantKind.Membership, AccountRole: role);
    public static Grant Of(AgencyRole role) => new(GrantKind.AgencyRole, AgencyRole: role);
    public static Grant AdministratorOf(string division) => new(GrantKind.DivisionAdministrator, DivisionName: division);
    public static Grant MemberOf(string division) => new(GrantKind.DivisionMember, DivisionName: division);

    /// <summary>The account role this grant amounts to, for showing a single role in a list.</summary>
    public AccountRole? EquivalentRole => Kind switch
    {
        GrantKind.Membership => AccountRole,
        GrantKind.AgencyRole => AgencyRole switch
        {
            Model.AgencyRole.AgencyAdministrator => Model.AccountRole.Owner,
            Model.AgencyRole.AgencyBillingManager => Model.AccountRole.BillingManager,
            _ => Model.AccountRole.ReportManager,
        },
        GrantKind.DivisionAdministrator => Model.AccountRole.Administrator,
        _ => Model.AccountRole.ReportManager,
    };

    public string Describe() => Kind switch
    {
        GrantKind.Membership => AccountRole!.Value.Display(),
        GrantKind.AgencyRole => AgencyRole!.Value.Display(),
        GrantKind.DivisionAdministrator => $"Division Administrator of {DivisionName}",
        _ => $"Member of division {DivisionName}",
    };
}

public sealed record PermissionGrant(Permission Permission, Grant Source);
