using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;

namespace AccountAdmin.Tests.Core.Permissions;

public sealed class GrantTests
{
    public static TheoryData<Grant, string, AccountRole> Grants() => new()
    {
        { Grant.Of(AccountRole.Owner), "Owner", AccountRole.Owner },
        { Grant.Of(AccountRole.CallManager), "Call Manager", AccountRole.CallManager },
        { Grant.Of(AgencyRole.AgencyAdministrator), "Agency Administrator", AccountRole.Owner },
        { Grant.Of(AgencyRole.AgencyBillingManager), "Agency Billing Manager", AccountRole.BillingManager },
        { Grant.Of(AgencyRole.MarketingManager), "Marketing Manager", AccountRole.ReportManager },
        { Grant.AdministratorOf("East"), "Division Administrator of East", AccountRole.Administrator },
        { Grant.MemberOf("East"), "Member of division East", AccountRole.ReportManager },
    };

    [Theory]
    [MemberData(nameof(Grants))]
    public void EachGrant_IsDescribedBySource_AndListedAsTheRoleItAmountsTo(Grant grant, string described, AccountRole role)
    {
        Assert.Equal(described, grant.Describe());
        Assert.Equal(role, grant.EquivalentRole);
    }
}
