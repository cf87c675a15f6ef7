using AccountAdmin.Core;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Web.Pages.Agencies.Divisions;

namespace AccountAdmin.Tests.Web.Pages.Agencies.Divisions;

public sealed class DivisionSavedWordsTests
{
    [Fact]
    public void AnAccountFromAnotherDivision_IsSaidToBeMoved_NotAdded()
    {
        var words = DivisionModel.Saved("East Coast", "account", new DivisionChange(CommandResult.Done, 2, 0, [("Northwind West", "West Coast")]));

        Assert.Equal("East Coast saved: 1 account added; Northwind West moved here from West Coast.", words);
    }

    [Fact]
    public void ManyMoved_AreCounted_AndTakingOutSaysNothingElseWasDeleted()
    {
        var many = DivisionModel.Saved("East Coast", "account",
            new DivisionChange(CommandResult.Done, 4, 1, [("A", "North"), ("B", "North"), ("C", "South"), ("D", "South")]));
        var takenOut = DivisionModel.Saved("East Coast", "user", new DivisionChange(CommandResult.Done, 0, 2));
        var nothing = DivisionModel.Saved("East Coast", "user", new DivisionChange(CommandResult.Done, 0, 0));

        Assert.Equal("East Coast saved: 4 accounts moved here from other divisions; 1 account taken out of the division.", many);
        Assert.Equal("East Coast saved: 2 users taken out of the division; nothing else was deleted.", takenOut);
        Assert.Equal("Nothing had changed, so nothing was saved.", nothing);
    }
}
