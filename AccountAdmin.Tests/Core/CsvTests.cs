using AccountAdmin.Core;

namespace AccountAdmin.Tests.Core;

public sealed class CsvTests
{
    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("Ann \"The\" Lee, Jr.", "\"Ann \"\"The\"\" Lee, Jr.\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("", "\"\"")]
    public void Values_AreQuoted_AndWhatASpreadsheetWouldRun_StartsWithAnApostrophe(string value, string field) =>
        Assert.Equal(field, Csv.Field(value));

    [Fact]
    public void ALine_EndsWithCrLf() => Assert.Equal("\"a\",\"b\"\r\n", Csv.Line(["a", "b"]));
}
