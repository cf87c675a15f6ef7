using System.Globalization;

namespace AccountAdmin.Core;

/// <summary>Numbers as people write them in sentences.</summary>
public static class English
{
    /// <summary>"1 account", "2 accounts", "1,000 accounts".</summary>
    public static string Count(int n, string noun) =>
        n == 1 ? $"1 {noun}" : $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}s";

    /// <summary>"30 minutes", "1 hour", "7 days": the largest whole unit.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? Count((int)span.TotalDays, "day")
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? Count((int)span.TotalHours, "hour")
        : Count((int)Math.Ceiling(span.TotalMinutes), "minute");

    /// <summary>"Ann", "Ann and Bob", "Ann, Bob and Cy".</summary>
    public static string List(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}
