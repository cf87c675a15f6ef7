using System.Globalization;

namespace AccountAdmin.Core;

/// <summary>Numbers as people write them in sentences.</summary>
public static class English
{
    /// <summary>"1 account", "2 accounts", "1,000 accounts".</summary>
    public static string Count(int n, string noun) =>
        n == 1 ? $"1 {noun}" : $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}s";
}
