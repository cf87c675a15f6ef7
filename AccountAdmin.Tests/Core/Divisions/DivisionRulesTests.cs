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
}
