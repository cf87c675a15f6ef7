using AccountAdmin.Core.Divisions;

namespace AccountAdmin.Tests.Core.Divisions;

public sealed class DivisionRulesTests
{
    [Theory]
    [InlineData("", null, "Name")]
    [InlineData("Tab\there", null, "Name")]
    [InlineData("Fine", "Line one\nline two", null)]
    [InlineData("Fine", "Bell\a", "Description")]
    public void Details_AreCheckedFieldByField(string name, string? description, string? field) =>
        Assert.Equal(field is null ? [] : [field], DivisionRules.Details(name, description).Select(e => e.Field));

    [Fact]
    public void ANameOf200Characters_AndADescriptionOf1000_AreTaken_AndOneMoreIsRefused()
    {
        var name = new string('N', DivisionRules.MaxName);
        var description = new string('D', DivisionRules.MaxDescription);

        Assert.Empty(DivisionRules.Details($"  {name}  ", $" {description}\t\r\n"));
        Assert.Equal([DivisionErrors.NameTooLong, DivisionErrors.DescriptionTooLong], DivisionRules.Details(name + "N", description + "D"));
    }

    [Fact]
    public void ADescription_MayHoldTabsAndLineBreaks_ButANameMayNot()
    {
        Assert.Empty(DivisionRules.Details("East", "Sales\tEast\r\nand West"));
        Assert.Equal([DivisionErrors.NameTooLong], DivisionRules.Details("East\nWest", null));
        Assert.Equal([DivisionErrors.NameRequired], DivisionRules.Details(null, ""));
    }
}
