using AccountAdmin.Core.Model;
using AccountAdmin.Core.Roles;
using AccountAdmin.Web.Pages.Accounts.Users.Edit;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users.Edit;

public sealed class RoleChangeWordsTests
{
    private static readonly Guid East = Guid.NewGuid(), West = Guid.NewGuid(), North = Guid.NewGuid();

    private static readonly RoleAssignmentsView Before = new(
        "Northwind Agency",
        [
            new RoleHolding(AccountRole.CallAgent, [new HeldAccount(East, "Northwind East", MembershipStatus.Active, true, null)]),
            new RoleHolding(AccountRole.CallManager, [new HeldAccount(West, "Northwind West", MembershipStatus.Active, true, null)]),
        ],
        [],
        // North was ticked on a page no longer shown: its name comes with the chosen ones.
        new GrantableList(
            [new GrantableAccount(East, "Northwind East", false), new GrantableAccount(West, "Northwind West", false)],
            [new GrantableAccount(North, "Northwind North", false)], 3, null, false),
        [AgencyRole.AgencyBillingManager],
        0);

    [Fact]
    public void AChangedRole_SaysWhereAndFromWhatToWhat()
    {
        var words = RoleChangeWords.Describe(Before, new RoleChanges("stamp", AddRole: AccountRole.ReportManager, AddAccountIds: [East]));

        Assert.Equal("Role in Northwind East changed from Call Agent to Report Manager", words);
    }

    [Fact]
    public void ANewRole_ARemovalAndAnAgencyRole_AreEachNamed()
    {
        var words = RoleChangeWords.Describe(
            Before,
            new RoleChanges("stamp", RemoveAccountIds: [West], AddRole: AccountRole.CallAgent, AddAccountIds: [North, East], AddAgencyRole: AgencyRole.AgencyBillingManager));

        Assert.Equal("Given the role Call Agent in Northwind North; Removed from Northwind West (was Call Manager); Given the agency role Agency Billing Manager in Northwind Agency", words);
    }

    [Fact]
    public void ASaveThatChangesNothing_SaysSo()
    {
        Assert.Equal("Nothing to change", RoleChangeWords.Describe(Before, new RoleChanges("stamp", AddRole: AccountRole.CallAgent, AddAccountIds: [East])));
    }
}
