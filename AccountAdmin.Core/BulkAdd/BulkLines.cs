using System.Text;
using AccountAdmin.Core.Users;

namespace AccountAdmin.Core.BulkAdd;

/// <summary>One line of a Bulk Add batch: its number in what was pasted, its text, its three values, or why it can't be used.</summary>
public sealed record BulkLine(int Number, string Text, string Email, string FirstName, string LastName, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>The lines of a batch, or why the batch as a whole can't be read (then there are no lines).</summary>
public sealed record BulkText(IReadOnlyList<BulkLine> Lines, CommandError? Error)
{
    public static BulkText Refused(CommandError error) => new([], error);
}

/// <summary>
/// Reads what an administrator pasted or uploaded for Bulk Add (seed 001): one user per line, e-mail, first name and
/// last name, separated by tabs (pasted from a spreadsheet), commas or semicolons, values optionally in double quotes.
/// A header line is recognised and may put the columns in any order. A bad line gets its own reason and never stops
/// the others.
/// </summary>
public static class BulkLines
{
    public const int MaxLines = 10_000;
    public const int MaxFileBytes = 4 * 1024 * 1024;
    public const string Field = "Lines";
    public const string FileField = "File";

    private const string ExpectedColumns = "e-mail, first name, last name";


    /// <summary>
    /// The text of an uploaded file: UTF-8 with or without its byte-order mark, UTF-16 either way round (by its mark,
    /// or by the zero bytes of mostly-ASCII text), and Windows-1252 from older spreadsheets when it is not valid UTF-8.
    /// Anything else is refused as not being a text file.
    /// </summary>
    public static (string? Text, CommandError? Error) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return (null, BulkAddErrors.EmptyFile);
        }

        if (bytes.Length > MaxFileBytes)
        {
            return (null, BulkAddErrors.TooLarge(bytes.Length));
        }

        if (bytes is [(byte)'P', (byte)'K', 3, 4, ..])
        {
            return (null, BulkAddErrors.Workbook);
        }

        string? text;
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            text = Strict(new UTF8Encoding(false, true), bytes[3..]);
        }
        else if (bytes is [0xFF, 0xFE, ..])
        {
            text = Strict(new UnicodeEncoding(false, false, true), bytes[2..]);
        }
        else if (bytes is [0xFE, 0xFF, ..])
        {
            text = Strict(new UnicodeEncoding(true, false, true), bytes[2..]);
        }
        else if (Utf16WithoutMark(bytes) is { } bigEndian)
        {
            text = Strict(new UnicodeEncoding(bigEndian, false, true), bytes);
        }
        else
        {
            text = Strict(new UTF8Encoding(false, true), bytes) ?? (bytes.Contains((byte)0) ? null : Windows1252(bytes));
        }

        if (text is null || LooksBinary(text))
        {
            return (null, BulkAddErrors.NotText);
        }

        return (text, null);
    }


    /// <summary>Every non-blank line with its values or its reason; blank lines are skipped but keep the numbering.</summary>
    public static BulkText Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return BulkText.Refused(BulkAddErrors.Empty);
        }

        var physical = text.ReplaceLineEndings("\n").Split('\n');
        var numbered = physical
            .Select((line, index) => (Number: index + 1, Text: line.Trim('\uFEFF').TrimEnd()))
            .Where(l => !string.IsNullOrWhiteSpace(l.Text))
            .ToList();

        var header = Header(numbered[0].Text);
        if (header is { Error: { } headerError })
        {
            return BulkText.Refused(headerError);
        }

        var data = header is null ? numbered : numbered.Skip(1).ToList();
        if (data.Count == 0)
        {
            return BulkText.Refused(BulkAddErrors.Empty);
        }

        if (data.Count > MaxLines)
        {
            return BulkText.Refused(BulkAddErrors.TooMany(data.Count));
        }

        var columns = header ?? new Columns(0, 1, 2, 3, null);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = new List<BulkLine>(data.Count);
        foreach (var (number, line) in data)
        {
            var parsed = Read(number, line, columns);
            if (parsed.IsValid)
            {
                var key = parsed.Email.ToUpperInvariant();
                if (seen.TryGetValue(key, out var first))
                {
                    parsed = parsed with { Error = $"Duplicate of line {first}: the same e-mail address is already in this batch." };
                }
                else
                {
                    seen.Add(key, number);
                }
            }

            lines.Add(parsed);
        }

        return new BulkText(lines, null);
    }

    /// <summary>Where each value sits in a line, and how many values a line has.</summary>
    private sealed record Columns(int Email, int FirstName, int LastName, int Count, CommandError? Error);

    /// <summary>A first line that names its columns instead of holding an e-mail address.</summary>
    private static Columns? Header(string line)
    {
        var (fields, error) = Split(line);
        if (error is not null || fields.Any(f => f.Contains('@')))
        {
            return null;
        }

        var names = fields.Select(f => new string(f.Where(char.IsLetter).ToArray()).ToLowerInvariant()).ToList();
        int Find(params string[] candidates) => names.FindIndex(candidates.Contains);
        var email = Find("email", "emailaddress", "mail", "emailadresse");
        var first = Find("firstname", "first", "givenname", "forename");
        var last = Find("lastname", "last", "surname", "familyname");
        if (email < 0 && first < 0 && last < 0)
        {
            return null;
        }

        return email < 0 || first < 0 || last < 0
            ? new Columns(0, 0, 0, 0, new("Header",
                "The first line looks like a header but doesn't name all three columns. Name them E-mail, First name and Last name, or leave the header out.", Field))
            : new Columns(email, first, last, fields.Count, null);
    }

    private static BulkLine Read(int number, string text, Columns columns)
    {
        BulkLine Bad(string reason) => new(number, text, "", "", "", reason);

        var (fields, error) = Split(text);
        if (error is not null)
        {
            return Bad(error);
        }

        // Spreadsheets often add empty cells at the end of a row; they carry nothing.
        while (fields.Count > columns.Count && fields[^1].Length == 0)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        if (fields.Count > columns.Count)
        {
            return Bad($"This line has {fields.Count} values but should have {columns.Count} ({ExpectedColumns}). Put double quotes around a value that contains a comma.");
        }

        string At(int index) => index < fields.Count ? fields[index] : "";
        var (email, firstName, lastName) = (At(columns.Email), At(columns.FirstName), At(columns.LastName));
        var missing = new[] { ("the e-mail address", email), ("the first name", firstName), ("the last name", lastName) }
            .Where(v => v.Item2.Length == 0).Select(v => v.Item1).ToList();
        if (missing.Count > 0)
        {
            var what = missing.Count == 1 ? missing[0] : string.Join(", ", missing[..^1]) + " and " + missing[^1];
            return Bad($"{char.ToUpperInvariant(what[0])}{what[1..]} {(missing.Count == 1 ? "is" : "are")} missing. Each line needs {ExpectedColumns}.");
        }

        var reason = ProfileRules.EmailProblem(email) is { } emailProblem ? $"“{email}” is {emailProblem}."
            : ProfileRules.NameProblem(firstName) is { } first ? $"The first name {Describe(first)}."
            : ProfileRules.NameProblem(lastName) is { } last ? $"The last name {Describe(last)}."
            : null;
        return new BulkLine(number, text, email, firstName, lastName, reason);
    }

    private static string Describe(ProfileRules.NameFault fault) =>
        fault == ProfileRules.NameFault.Control ? "contains control characters" : "is longer than 100 characters";

    /// <summary>The values of one line: split on its tabs if it has any, else on commas, else on semicolons; quotes respected.</summary>
    private static (List<string> Fields, string? Error) Split(string line)
    {
        var separator = line.Contains('\t') ? '\t' : OutsideQuotes(line, ',') ? ',' : OutsideQuotes(line, ';') ? ';' : '\t';
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            string value;
            if (i < line.Length && line[i] == '"')
            {
                var builder = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return (fields, "A quoted value is not closed: every opening \" needs a closing \".");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            builder.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    builder.Append(line[i++]);
                }

                while (i < line.Length && line[i] == ' ')
                {
                    i++;
                }

                if (i < line.Length && line[i] != separator)
                {
                    return (fields, "A quoted value is followed by more text before the next separator. Write a quote inside quotes as \"\".");
                }

                value = builder.ToString().Trim();
            }
            else
            {
                var end = line.IndexOf(separator, i);
                value = (end < 0 ? line[i..] : line[i..end]).Trim();
                i = end < 0 ? line.Length : end;
            }

            fields.Add(value);
            if (i >= line.Length)
            {
                return (fields, null);
            }

            i++; // the separator
        }
    }

    private static bool OutsideQuotes(string line, char separator)
    {
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                return true;
            }
        }

        return false;
    }

    private static string? Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>UTF-16 without a byte-order mark shows itself in ASCII text by a zero in every other byte.</summary>
    private static bool? Utf16WithoutMark(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        if (sample.Length < 4)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        return oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1 ? false
            : evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1 ? true
            : null;
    }

    private static readonly char[] Windows1252High =
        "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ".ToCharArray();

    private static string Windows1252(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            chars[i] = b is >= 0x80 and <= 0x9F ? Windows1252High[b - 0x80] : (char)b;
        }

        return new string(chars);
    }

    /// <summary>Text has no NULs and few control characters besides tabs and line breaks.</summary>
    private static bool LooksBinary(string text)
    {
        var controls = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return true;
            }

            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f'))
            {
                controls++;
            }
        }

        return controls > Math.Max(2, text.Length / 100);
    }
}
