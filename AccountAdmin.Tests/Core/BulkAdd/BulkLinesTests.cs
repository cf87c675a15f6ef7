using System.Text;
using AccountAdmin.Core.BulkAdd;

namespace AccountAdmin.Tests.Core.BulkAdd;

public sealed class BulkLinesTests
{
    private static IReadOnlyList<BulkLine> Lines(string text)
    {
        var parsed = BulkLines.Parse(text);
        Assert.Null(parsed.Error);
        return parsed.Lines;
    }

    private static (string Email, string First, string Last) Values(BulkLine line) => (line.Email, line.FirstName, line.LastName);

    [Fact]
    public void Commas_Tabs_AndSemicolons_Separate_AndQuotedValuesKeepTheirCommasAndQuotes()
    {
        var lines = Lines(
            "ann@example.com,Ann,Lee\n" +
            "bo@example.com\tBo\tSmith, Jr.\n" +
            "cy@example.com;Cy;Ng\n" +
            "\"di@example.com\", \"Di \"\"D\"\"\" , \"O'Hara, M\"\n");

        Assert.All(lines, l => Assert.True(l.IsValid, l.Error));
        Assert.Equal(
            [("ann@example.com", "Ann", "Lee"), ("bo@example.com", "Bo", "Smith, Jr."), ("cy@example.com", "Cy", "Ng"), ("di@example.com", "Di \"D\"", "O'Hara, M")],
            lines.Select(Values));
    }

    [Fact]
    public void AHeaderLine_IsSkipped_AndMayReorderTheColumns_AndBlankLinesKeepTheNumbering()
    {
        var lines = Lines("First Name,Last Name,E-mail Address,Phone\r\n\r\nAnn,Lee,ann@example.com,\r\n  \r\nBo,Smith,bo@example.com,+1415\r\n");

        Assert.Equal([3, 5], lines.Select(l => l.Number));
        Assert.Equal([("ann@example.com", "Ann", "Lee"), ("bo@example.com", "Bo", "Smith")], lines.Select(Values));
    }

    [Fact]
    public void AHeader_MissingAColumn_RefusesTheBatch_WithWhatToName()
    {
        var parsed = BulkLines.Parse("Email,First name\nann@example.com,Ann");

        Assert.Empty(parsed.Lines);
        Assert.Contains("E-mail, First name and Last name", parsed.Error!.Message);
    }

    [Fact]
    public void EachBadLine_GetsItsOwnReason_AndTheGoodLinesStay()
    {
        var lines = Lines(string.Join('\n',
            "ann@example.com,Ann,Lee",
            "bob@,Bob,Ray",
            "cy@example.com,Cy",
            "di@example.com,,",
            "ed@example.com,Ed,Ek,extra",
            "fay@example.com,\"Fay,Fa",
            "=cmd|' /C calc'!A0,Gus,Ho",
            "ANN@example.com,Ann,Again",
            "hal@example.com,Hal,Hu,,",
            $"ida@example.com,{new string('I', 101)},Ito",
            "jo@example.com,=HYPERLINK(\"http://x\"),Jones"));

        Assert.Equal(
            [
                (1, null),
                (2, "“bob@” is not a valid e-mail address."),
                (3, "The last name is missing. Each line needs e-mail, first name, last name."),
                (4, "The first name and the last name are missing. Each line needs e-mail, first name, last name."),
                (5, "This line has 4 values but should have 3 (e-mail, first name, last name). Put double quotes around a value that contains a comma."),
                (6, "A quoted value is not closed: every opening \" needs a closing \"."),
                (7, "“=cmd|' /C calc'!A0” is not a valid e-mail address."),
                (8, "Duplicate of line 1: the same e-mail address is already in this batch."),
                (9, null),
                (10, "The first name is longer than 100 characters."),
                (11, null),
            ],
            lines.Select(l => (l.Number, l.Error)));
        Assert.Equal("=HYPERLINK(\"http://x\")", lines[10].FirstName);
    }

    [Fact]
    public void AnAddressTheSenderCannotSendTo_IsNotAdded()
    {
        var lines = Lines("dots..x@example.test,Dot,Dot\nzoë@example.test,Zoë,Z\nok.x@example.test,Ok,X");

        Assert.Equal(
            [
                (1, "“dots..x@example.test” is not a valid e-mail address."),
                (2, "“zoë@example.test” is not a valid e-mail address."),
                (3, null),
            ],
            lines.Select(l => (l.Number, l.Error)));
    }

    [Fact]
    public void ADuplicate_CountsOnlyAgainstAnEarlierGoodLine()
    {
        var lines = Lines("ann@example.com,Ann\nann@example.com,Ann,Lee\nann@example.com,Ann,Lee");

        Assert.Equal([false, true, false], lines.Select(l => l.IsValid));
        Assert.StartsWith("Duplicate of line 2", lines[2].Error);
    }

    [Fact]
    public void AnEmptyPaste_IsRefused()
    {
        Assert.Equal(BulkAddErrors.Empty, BulkLines.Parse("").Error);
        Assert.Equal(BulkAddErrors.Empty, BulkLines.Parse(" \n\t\n").Error);
        Assert.Equal(BulkAddErrors.Empty, BulkLines.Parse("Email,First name,Last name\n").Error);
    }

    [Fact]
    public void TenThousandLines_AreTaken_AndOneMoreRefusesTheBatch_BeforeAnyLineIsRead()
    {
        string Batch(int count) => "Email,First,Last\n" + string.Join('\n', Enumerable.Range(1, count).Select(i => $"u{i}@example.com,U,{i}"));

        Assert.Equal(BulkLines.MaxLines, Lines(Batch(BulkLines.MaxLines)).Count);
        var refused = BulkLines.Parse(Batch(BulkLines.MaxLines + 1));
        Assert.Empty(refused.Lines);
        Assert.Equal("A batch holds at most 10,000 users and this one has 10,001 lines. Split it into smaller batches.", refused.Error!.Message);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("windows-1252")]
    public void Files_AreDecoded_InEveryEncodingASpreadsheetSaves(string encoding)
    {
        const string text = "Email,First name,Last name\r\nzoe@example.com,Zoë,Müller-Łukasz\r\n";
        var latin = text.Replace("Ł", "L");
        var bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(text),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "utf-16le-bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            "utf-16be-bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            "utf-16le" => Encoding.Unicode.GetBytes(text),
            "utf-16be" => Encoding.BigEndianUnicode.GetBytes(text),
            _ => Encoding.Latin1.GetBytes(latin),
        };

        var (decoded, error) = BulkLines.Decode(bytes);

        Assert.Null(error);
        Assert.Equal(encoding == "windows-1252" ? latin : text, decoded);
        Assert.Equal(encoding == "windows-1252" ? "Müller-Lukasz" : "Müller-Łukasz", Assert.Single(Lines(decoded!)).LastName);
    }

    [Fact]
    public void Windows1252_KeepsItsCurlyQuotesAndEuro()
    {
        byte[] bytes = [.. "ann@example.com,Ann,O"u8, 0x92, .. "Neil "u8, 0x80];

        Assert.Equal("ann@example.com,Ann,O’Neil €", BulkLines.Decode(bytes).Text);
    }

    [Fact]
    public void BinaryFiles_Workbooks_EmptyAndOversizedFiles_AreRefusedWithAMessageForTheFile()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0];
        byte[] xlsx = [.. "PK"u8, 3, 4, 20, 0, 6, 0];

        Assert.Equal("NotText", BulkLines.Decode(png).Error!.Code);
        Assert.Contains("Save As, CSV", BulkLines.Decode(xlsx).Error!.Message);
        Assert.Equal("EmptyFile", BulkLines.Decode([]).Error!.Code);
        Assert.Equal("TooLarge", BulkLines.Decode(new byte[BulkLines.MaxFileBytes + 1]).Error!.Code);
        Assert.All(new[] { png, xlsx, Array.Empty<byte>() }, b => Assert.Equal("File", BulkLines.Decode(b).Error!.Field));
    }

    [Theory]
    [InlineData("Mail,Given name,Family name", "lee@example.com,Ann,Lee")]
    [InlineData("Email-Adresse,Forename,Surname", "lee@example.com,Ann,Lee")]
    [InlineData("E-mail,First,Last", "lee@example.com,Ann,Lee")]
    [InlineData("Last name,First name,E-mail", "Lee,Ann,lee@example.com")]
    public void AHeader_MayNameItsColumnsInTheUsualWays(string header, string line)
    {
        var read = Assert.Single(Lines(header + "\n" + line));

        Assert.Equal(2, read.Number);
        Assert.Equal(("lee@example.com", "Ann", "Lee"), Values(read));
    }

    [Theory]
    [InlineData("Email,Phone")]
    [InlineData("First name,Phone")]
    [InlineData("Last name,Phone")]
    [InlineData("First name,Last name,Phone")]
    public void AHeader_NamingOnlySomeColumns_RefusesTheBatch_AtTheLinesField(string header)
    {
        var parsed = BulkLines.Parse(header + "\nann@example.com,Ann,Lee");

        Assert.Empty(parsed.Lines);
        Assert.Equal(("Header", "Lines"), (parsed.Error!.Code, parsed.Error.Field));
    }

    [Fact]
    public void AFirstLineWithAnAddress_IsAUser_EvenWhenTheNamesLookLikeColumnNames()
    {
        var line = Assert.Single(Lines("first.last@example.com,First,Last"));

        Assert.True(line.IsValid, line.Error);
        Assert.Equal(("first.last@example.com", "First", "Last"), (line.Email, line.FirstName, line.LastName));
    }

    [Fact]
    public void MissingValues_AreNamedInTheirOrder()
    {
        var lines = Lines("ann@example.com,Ann,Lee\n,Bo,Smith\n,,\n ; ;");

        Assert.Equal(
            [
                null,
                "The e-mail address is missing. Each line needs e-mail, first name, last name.",
                "The e-mail address, the first name and the last name are missing. Each line needs e-mail, first name, last name.",
                "The e-mail address, the first name and the last name are missing. Each line needs e-mail, first name, last name.",
            ],
            lines.Select(l => l.Error));
    }

    [Fact]
    public void NamesWithControlCharacters_OrTooLong_AreRefusedWithWhichName()
    {
        var lines = Lines(string.Join('\n',
            "ann@example.com,An\u0001n,Lee",
            "bo@example.com,Bo,Sm\u0001ith",
            $"cy@example.com,Cy,{new string('N', 101)}",
            $"di@example.com,{new string('D', 100)},{new string('L', 100)}"));

        Assert.Equal(
            [
                "The first name contains control characters.",
                "The last name contains control characters.",
                "The last name is longer than 100 characters.",
                null,
            ],
            lines.Select(l => l.Error));
    }

    [Fact]
    public void AQuotedValue_FollowedByMoreText_IsRefused_AndSpacesAroundQuotesAreFine()
    {
        var lines = Lines("\"ann@example.com\"x,Ann,Lee\n  \"bo@example.com\"  ,  Bo  ,\"Smith\"  ");

        Assert.Equal(
            "A quoted value is followed by more text before the next separator. Write a quote inside quotes as \"\".",
            lines[0].Error);
        Assert.True(lines[1].IsValid, lines[1].Error);
        Assert.Equal(("bo@example.com", "Bo", "Smith"), Values(lines[1]));
    }

    [Fact]
    public void SemicolonsSeparate_WhenTheOnlyCommasAreInsideQuotes()
    {
        var line = Assert.Single(Lines("ann@example.com;Ann;\"Lee, Jr.\""));

        Assert.True(line.IsValid, line.Error);
        Assert.Equal(("ann@example.com", "Ann", "Lee, Jr."), Values(line));
    }

    [Fact]
    public void AFile_OfExactlyTheSizeLimit_IsRead()
    {
        var bytes = new byte[BulkLines.MaxFileBytes];
        Array.Fill(bytes, (byte)'a');

        var (text, error) = BulkLines.Decode(bytes);

        Assert.Null(error);
        Assert.Equal(BulkLines.MaxFileBytes, text!.Length);
    }

    [Fact]
    public void ATinyUtf16File_WithoutAMark_IsStillRead()
    {
        Assert.Equal("ab", BulkLines.Decode(Encoding.Unicode.GetBytes("ab")).Text);
        Assert.Equal("ab", BulkLines.Decode(Encoding.BigEndianUnicode.GetBytes("ab")).Text);
        Assert.Equal("a,b", BulkLines.Decode("a,b"u8).Text);
        Assert.Equal("NotText", BulkLines.Decode([(byte)'a', 0]).Error!.Code);
    }

    [Theory]
    [InlineData(7, 0, true)]
    [InlineData(6, 0, false)]
    [InlineData(9, 1, false)]
    public void Utf16WithoutAMark_IsRecognised_OnlyWhenMostPairsAreAnAsciiLetterAndAZero(int asciiPairs, int strayPairs, bool read)
    {
        // Ten pairs of bytes, little-endian: a letter and a zero (UTF-16 of ASCII), a zero and a letter (the other way
        // round), two letters.
        var pairs = Enumerable.Repeat(new byte[] { (byte)'a', 0 }, asciiPairs)
            .Concat(Enumerable.Repeat(new byte[] { 0, (byte)'x' }, strayPairs))
            .Concat(Enumerable.Repeat(new byte[] { (byte)'b', (byte)'c' }, 10 - asciiPairs - strayPairs))
            .SelectMany(p => p).ToArray();
        var bigEndian = pairs.Select((_, i) => pairs[i ^ 1]).ToArray();

        foreach (var bytes in new[] { pairs, bigEndian })
        {
            var (text, error) = BulkLines.Decode(bytes);
            if (read)
            {
                Assert.Null(error);
                Assert.StartsWith(new string('a', asciiPairs), text);
            }
            else
            {
                Assert.Equal("NotText", error?.Code);
            }
        }
    }

    [Fact]
    public void Windows1252_MapsItsWholeHighRange()
    {
        byte[] bytes = [.. "Ann "u8, 0x9F, 0xA0, 0xE9, .. " Lee"u8];

        Assert.Equal("Ann Ÿ\u00A0é Lee", BulkLines.Decode(bytes).Text);
    }

    [Fact]
    public void TabsLineBreaksAndFormFeeds_AreText_ButStrayControlCharacters_MakeAFileBinary()
    {
        Assert.Null(BulkLines.Decode("a\tb\tc\r\nd\te\tf\r\ng\th\ti\r\n\f\f\f"u8).Error);
        Assert.Null(BulkLines.Decode("ann@example.com,Ann,Lee\u0001\u0002"u8).Error);
        Assert.Equal("NotText", BulkLines.Decode("ann@example.com,Ann,Lee\u0001\u0002\u0003"u8).Error!.Code);

        var longText = new string('a', 1000);
        Assert.Null(BulkLines.Decode(Encoding.UTF8.GetBytes(longText + new string('\u0001', 10))).Error);
        Assert.Equal("NotText", BulkLines.Decode(Encoding.UTF8.GetBytes(longText + new string('\u0001', 11))).Error!.Code);
        Assert.Equal("NotText", BulkLines.Decode(Encoding.UTF8.GetBytes(longText + "\0")).Error!.Code);
    }

    [Fact]
    public void AFile_ThatIsNotValidInTheEncodingItShows_IsRefused_NotReadWithReplacementCharacters()
    {
        byte[] utf8 = [0xEF, 0xBB, 0xBF, .. "ann@example.com,Ann,Lee"u8, 0xFF];
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("ann@example.com,Ann,Lee"), 0x00, 0xD8];
        byte[] utf16BigEndian = [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("ann@example.com,Ann,Lee"), 0xD8, 0x00];
        byte[] utf16WithoutMark = [.. Encoding.Unicode.GetBytes("ann@example.com,Ann,Lee"), 0x01, 0xD8];
        byte[] utf16BigEndianWithoutMark = [.. Encoding.BigEndianUnicode.GetBytes("ann@example.com,Ann,Lee"), 0xD8, 0x01];

        Assert.All(
            new[] { utf8, utf16, utf16BigEndian, utf16WithoutMark, utf16BigEndianWithoutMark },
            bytes => Assert.Equal("NotText", BulkLines.Decode(bytes).Error?.Code));
    }
}
