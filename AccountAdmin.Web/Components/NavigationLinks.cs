using AccountAdmin.Core.Permissions;

namespace AccountAdmin.Web.Components;

/// <summary>One page in the navigation: <see cref="Key"/> is what a page sets as its section to be shown as current.</summary>
public sealed record NavigationLink(string Key, string Href, string Icon, string Label, string? Id = null);

/// <summary>Which pages the navigation offers, from the viewer's access: never a link that would answer 403.</summary>
public static class NavigationLinks
{
    public static IReadOnlyList<NavigationLink> OfAccount(AccountContext account)
    {
        var id = account.Account.AccountId;
        var links = new List<NavigationLink> { new("overview", $"/accounts/{id}", "bi-speedometer2", "Overview") };
        if (account.Access.Has(Permission.ManageUsers))
        {
            links.Add(new("users", $"/accounts/{id}/users", "bi-people", "Manage Users"));
            links.Add(new("audit", $"/accounts/{id}/audit", "bi-journal-text", "Audit Log", "nav-audit"));
        }

        if (account.Access.Has(Permission.ManageAccountSettings))
        {
            links.Add(new("settings", $"/accounts/{id}/settings", "bi-gear", "Account Settings", "nav-settings"));
        }

        return links;
    }

    /// <summary>The agency's pages as an account's access shows them (an agency role or a division's administration counts there).</summary>
    public static IReadOnlyList<NavigationLink> OfAgency(AccountContext account)
    {
        var divisionAdministrator = account.Access.Sources.Any(s => s.Kind == GrantKind.DivisionAdministrator);
        return Agency(
            account.Account.AgencyId,
            account.Access.Has(Permission.CreateAccounts) || divisionAdministrator,
            account.Access.Has(Permission.ManageDivisions) || divisionAdministrator,
            account.Access.Has(Permission.ManageAgencyUsers),
            account.Access.Has(Permission.ManageAgencyRoles));
    }

    public static IReadOnlyList<NavigationLink> OfAgency(AgencyContext agency) =>
        Agency(
            agency.AgencyId, agency.Has(Permission.CreateAccounts), agency.ManagesAnyDivision, agency.Has(Permission.ManageAgencyUsers),
            agency.Has(Permission.ManageAgencyRoles));

    private static List<NavigationLink> Agency(Guid id, bool accounts, bool divisions, bool users, bool roles)
    {
        var links = new List<NavigationLink>();
        if (accounts)
        {
            links.Add(new("accounts", $"/agencies/{id}/accounts", "bi-buildings", "Accounts", "nav-agency-accounts"));
        }

        if (divisions)
        {
            links.Add(new("divisions", $"/agencies/{id}/divisions", "bi-diagram-2", "Divisions", "nav-divisions"));
        }

        if (users)
        {
            links.Add(new("users", $"/agencies/{id}/users", "bi-person-lines-fill", "All Accounts", "nav-all-accounts"));
            links.Add(new("audit", $"/agencies/{id}/audit", "bi-journal-text", "Agency audit log", "nav-agency-audit"));
        }

        if (roles)
        {
            links.Add(new("settings", $"/agencies/{id}/settings", "bi-sliders", "Agency settings", "nav-agency-settings"));
        }

        return links;
    }
}
