using AccountAdmin.Core.Accounts;

namespace AccountAdmin.Tests.Core.Accounts;

public sealed class AccountNameTests
{
    [Fact]
    public void AccountNames_AreRequired_AndAtMost200Characters()
    {
        Assert.NotNull(AgencyAccounts.NameProblem(" "));
        Assert.NotNull(AgencyAccounts.NameProblem(new string('a', 201)));
        Assert.Null(AgencyAccounts.NameProblem(" " + new string('a', 200) + " "));
    }
}
