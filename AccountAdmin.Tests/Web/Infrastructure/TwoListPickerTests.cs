using AccountAdmin.Core.Divisions;
using AccountAdmin.Web.Infrastructure;

namespace AccountAdmin.Tests.Web.Infrastructure;

public sealed class TwoListPickerTests
{
    private static readonly Guid West = Guid.NewGuid();
    private static readonly PickedItem Bravo = new(Guid.NewGuid(), West);
    private static readonly Guid Charlie = Guid.NewGuid();

    private static readonly PickerPage Empty = new([], 0, 0, null, null);

    [Fact]
    public void ThePendingMoves_GoOutAndComeBackAsTheyWere()
    {
        var picker = new TwoListPicker(DivisionEditor.Accounts, Empty, Empty, new PickerPending([Bravo], [Charlie]));

        var posted = new PickerInput { Added = picker.Added, Removed = picker.Removed }.Pending()!;

        Assert.Equal([Bravo], posted.Added);
        Assert.Equal([Charlie], posted.Removed);
        Assert.Equal($"{Bravo.Id:N}.{West:N}", picker.Added);
    }

    [Theory]
    [InlineData("forged", "")]
    [InlineData("", "not-an-id")]
    public void ListsThePageDidNotWrite_AreNotRead(string added, string removed) =>
        Assert.Null(new PickerInput { Added = added, Removed = removed }.Pending());

    [Fact]
    public void NothingPosted_IsNothingPending() =>
        Assert.True(new PickerInput().Pending()!.IsEmpty);

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("x", false)]
    [InlineData("0f8fad5bd9cb469fa16570867728950e", true)]
    public void APageStart_IsAnItemsId_OrTheFirstPage(string? from, bool isItem) =>
        Assert.Equal(isItem, TwoListPicker.Cursor(from) is not null);

    [Fact]
    public void Labels_SayWhereAnAccountIsNow_OrWhoAPersonIs()
    {
        Assert.Equal("Bravo * (West)", TwoListPicker.Label(new PickerOption(Guid.NewGuid(), "Bravo", null, West, "West")));
        Assert.Equal("Cleo Carr · cleo@example.test", TwoListPicker.Label(new PickerOption(Guid.NewGuid(), "Cleo Carr", "cleo@example.test")));
    }
}
