namespace AccountAdmin.Core.Model;

/// <summary>A user's role in one account, highest first.</summary>
public enum AccountRole
{
    Owner = 1,
    Administrator = 2,
    BillingManager = 3,
    ReportManager = 4,
    CallManager = 5,
    CallAgent = 6,
}

/// <summary>A user's agency-wide role (seed 001).</summary>
public enum AgencyRole
{
    AgencyAdministrator = 1,
    AgencyBillingManager = 2,
    MarketingManager = 3,
}

public enum MembershipStatus
{
    Active = 1,
    Suspended = 2,
}

public static class RoleNames
{
    public static string Display(this AccountRole role) => role switch
    {
        AccountRole.Owner => "Owner",
        AccountRole.Administrator => "Administrator",
        AccountRole.BillingManager => "Billing Manager",
        AccountRole.ReportManager => "Report Manager",
        AccountRole.CallManager => "Call Manager",
        AccountRole.CallAgent => "Call Agent",
        _ => role.ToString(),
    };

    public static string Display(this AgencyRole role) => role switch
    {
        AgencyRole.AgencyAdministrator => "Agency Administrator",
        AgencyRole.AgencyBillingManager => "Agency Billing Manager",
        AgencyRole.MarketingManager => "Marketing Manager",
        _ => role.ToString(),
    };
}
