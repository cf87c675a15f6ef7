using AccountAdmin.Core.Divisions;

namespace AccountAdmin.Tests.Core.Divisions;

public sealed class DivisionRulesTests
{
    [Fact]
    public void Tokens_CarryTheIdAndTheDivisionAnAccountWasShownIn_AndReadBack()
    {
        var free = Guid.NewGuid();
        var moved = new PickedItem(Guid.NewGuid(), Guid.NewGuid());

        var tokens = DivisionRules.Tokens([new PickedItem(free, null), moved]);

        Assert.Equal([new PickedItem(free, null), moved], DivisionRules.Parse(tokens));
        Assert.Equal([new PickedItem(free, null)], DivisionRules.Parse($" {free:N} ,, {free:N}"));
        Assert.Empty(DivisionRules.Parse(null)!);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0f8fad5bd9cb469fa16570867728950e.nope")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    public void AListThePageDidNotWrite_IsNotRead(string tokens) => Assert.Null(DivisionRules.Parse(tokens));

    [Fact]
    public void ListsLongerThanAnyAgency_AreNotRead() =>
        Assert.Null(DivisionRules.Parse(string.Join(',', Enumerable.Range(0, DivisionRules.MaxPicked + 1).Select(_ => Guid.NewGuid().ToString("N")))));

    [Theory]
    [InlineData("", null, "Name")]
    [InlineData("Tab\there", null, "Name")]
    [InlineData("Fine", "Line one\nline two", null)]
    [InlineData("Fine", "Bell\a", "Description")]
    public void Details_AreCheckedFieldByField(string name, string? description, string? field) =>
        Assert.Equal(field is null ? [] : [field], DivisionRules.Details(name, description).Select(e => e.Field));
}
