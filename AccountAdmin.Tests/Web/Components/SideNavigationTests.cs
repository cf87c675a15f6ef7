using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

/// <summary>The one navigation: the account's pages, the agency's and support's for those who may, and the user's own.</summary>
public sealed class SideNavigationTests : ComponentTestContext
{
    private static readonly Guid AgencyId = Guid.NewGuid();

    private static AccountContext In(AccountRole? role, AgencyRole[]? agencyRoles = null, bool divisionAdministrator = false) => new(
        new AccountScope(Guid.NewGuid(), "Northwind Main", AgencyId, "Northwind Agency", Guid.NewGuid(), "East"),
        PermissionRules.Evaluate(new AccessFacts(false, role, role is null ? null : MembershipStatus.Active, agencyRoles ?? [], "East", divisionAdministrator, false)));

    private IRenderedComponent<SideNavigation> Navigation(AccountContext? account, string? section = null, bool support = false) =>
        Render<SideNavigation>(p => p
            .Add(c => c.Account, account)
            .Add(c => c.AgencyLinks, account is null ? [] : NavigationLinks.OfAgency(account))
            .Add(c => c.Section, section)
            .Add(c => c.SupportStaff, support));

    private static IReadOnlyList<string> Links(IRenderedComponent<SideNavigation> cut, string list) =>
        cut.Find(list).AllByRole("link").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public void AnOwner_SeesTheAccountsPages_AndNoAgencyPages()
    {
        var cut = Navigation(In(AccountRole.Owner), "users");

        Assert.Equal(["Overview", "Manage Users", "Audit Log", "Account Settings"], Links(cut, "#account-links"));
        Assert.Empty(cut.FindAll("#agency-links"));
        Assert.Equal("page", cut.ByRole("link", "Manage Users").GetAttribute("aria-current"));
        Assert.Null(cut.ByRole("link", "Overview").GetAttribute("aria-current"));
        Assert.Equal(["My accounts", "My profile"], Links(cut, "#my-links"));
    }

    [Fact]
    public void AnAgencyAdministrator_SeesEveryAgencyPage_InTheSameNavigation()
    {
        var cut = Navigation(In(null, [AgencyRole.AgencyAdministrator]));

        Assert.Equal(["Accounts", "Divisions", "All Accounts", "Agency audit log", "Agency settings"], Links(cut, "#agency-links"));
        Assert.Equal($"/agencies/{AgencyId}/divisions", cut.ByRole("link", "Divisions").GetAttribute("href"));
    }

    [Fact]
    public void ADivisionsAdministrator_SeesAccountsAndDivisions_Only()
    {
        var cut = Navigation(In(null, divisionAdministrator: true));

        Assert.Equal(["Accounts", "Divisions"], Links(cut, "#agency-links"));
    }

    [Fact]
    public void ACallAgent_SeesTheOverviewOnly_AndSupportStaffTheirConsole()
    {
        var agent = Navigation(In(AccountRole.CallAgent));
        var support = Navigation(null, "support", support: true);

        Assert.Equal(["Overview"], Links(agent, "#account-links"));
        Assert.Empty(agent.FindAll("#support-links"));
        Assert.Equal(["Support console"], Links(support, "#support-links"));
        Assert.Equal("page", support.ByRole("link", "Support console").GetAttribute("aria-current"));
        Assert.Empty(support.FindAll("#account-links"));
    }
}
