using AccountAdmin.Core.Divisions;
using AccountAdmin.Web.Infrastructure;

namespace AccountAdmin.Tests.Web.Infrastructure;

public sealed class PickerTokensTests
{
    [Fact]
    public void Tokens_CarryTheIdAndTheDivisionAnAccountWasShownIn_AndReadBack()
    {
        var free = Guid.NewGuid();
        var moved = new PickedItem(Guid.NewGuid(), Guid.NewGuid());

        var tokens = PickerTokens.Tokens([new PickedItem(free, null), moved]);

        Assert.Equal([new PickedItem(free, null), moved], PickerTokens.Parse(tokens));
        Assert.Equal([new PickedItem(free, null)], PickerTokens.Parse($" {free:N} ,, {free:N}"));
        Assert.Empty(PickerTokens.Parse(null)!);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0f8fad5bd9cb469fa16570867728950e.nope")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    public void AListThePageDidNotWrite_IsNotRead(string tokens) => Assert.Null(PickerTokens.Parse(tokens));

    [Fact]
    public void ListsLongerThanAnyAgency_AreNotRead() =>
        Assert.Null(PickerTokens.Parse(string.Join(',', Enumerable.Range(0, DivisionRules.MaxPicked + 1).Select(_ => Guid.NewGuid().ToString("N")))));
}
