using System.Text;

namespace AccountAdmin.Core;

/// <summary>CSV as spreadsheets read it, with nothing a spreadsheet would run as a formula.</summary>
public static class Csv
{
    /// <summary>
    /// One value, quoted. A value starting with =, +, -, @, a tab or a carriage return is what a spreadsheet would run as a
    /// formula (OWASP's CSV injection), so it gets a leading apostrophe and is shown as the text it is.
    /// </summary>
    public static string Field(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"") + "\"";
    }

    public static string Line(IEnumerable<string> values)
    {
        var line = new StringBuilder();
        foreach (var value in values)
        {
            line.Append(line.Length == 0 ? "" : ",").Append(Field(value));
        }

        return line.Append("\r\n").ToString();
    }
}
