using System.Globalization;
using System.Text;

namespace AccountAdmin.Core.Schedules;

/// <summary>
/// One open stretch of a day, in minutes since midnight: <see cref="End"/> may be 1440 (24:00), so that an overnight
/// shift is two ranges, one to midnight and one from it.
/// </summary>
public readonly record struct OpenRange(int Start, int End)
{
    public override string ToString() => $"{Clock(Start)}-{Clock(End)}";

    public static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
}

/// <summary>
/// A schedule's weekly hours (seed 001: "choose a schedule you've created or add a new schedule"): for each day none or
/// several open ranges, each ending after it starts, none overlapping another. Stored as text such as
/// "Mon 09:00-12:00, 13:00-17:00; Tue 09:00-17:00".
/// </summary>
public sealed class WeeklyHours
{
    public const int MaxRangesPerDay = 6;

    /// <summary>Monday first, as the pages show the week.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private readonly Dictionary<DayOfWeek, IReadOnlyList<OpenRange>> days;

    private WeeklyHours(Dictionary<DayOfWeek, IReadOnlyList<OpenRange>> days) => this.days = days;

    public static readonly WeeklyHours Weekdays = Parse("Mon 09:00-17:00; Tue 09:00-17:00; Wed 09:00-17:00; Thu 09:00-17:00; Fri 09:00-17:00");

    public IReadOnlyList<OpenRange> On(DayOfWeek day) => days.TryGetValue(day, out var ranges) ? ranges : [];

    public bool IsEmpty => days.Values.All(r => r.Count == 0);

    /// <summary>Reads stored hours; what can't be read is left out rather than failing a page.</summary>
    public static WeeklyHours Parse(string? text)
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<OpenRange>>();
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = part.IndexOf(' ');
            if (space < 0 || DayOf(part[..space]) is not { } day)
            {
                continue;
            }

            var ranges = new List<OpenRange>();
            foreach (var range in part[(space + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var dash = range.IndexOf('-');
                if (dash > 0 && Minutes(range[..dash]) is { } start && Minutes(range[(dash + 1)..]) is { } end && end > start)
                {
                    ranges.Add(new OpenRange(start, end));
                }
            }

            days[day] = ranges.OrderBy(r => r.Start).ToList();
        }

        return new WeeklyHours(days);
    }

    /// <summary>
    /// The hours as typed on a page: per day, pairs of "from" and "to" times ("09:00"; "24:00" or "00:00" as a "to"
    /// means midnight at the day's end). Blank pairs are skipped. Each problem is keyed by the field it concerns.
    /// </summary>
    public static (WeeklyHours? Hours, IReadOnlyList<CommandError> Errors) FromFields(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<(string? From, string? To)>> typed)
    {
        var errors = new List<CommandError>();
        var days = new Dictionary<DayOfWeek, IReadOnlyList<OpenRange>>();
        foreach (var (day, pairs) in typed)
        {
            if (pairs.Count > MaxRangesPerDay)
            {
                errors.Add(new CommandError("TooManyRanges", $"A day has at most {MaxRangesPerDay} open ranges.", $"{day}[0].From"));
                continue;
            }

            var ranges = new List<(OpenRange Range, int Index)>();
            for (var i = 0; i < pairs.Count; i++)
            {
                var (from, to) = pairs[i];
                if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
                {
                    continue;
                }

                var start = Minutes(from);
                var end = to?.Trim() is "00:00" or "0:00" ? 1440 : Minutes(to);
                if (start is null || start == 1440)
                {
                    errors.Add(new CommandError("Time", $"Enter when it opens on {day}, such as 09:00.", $"{day}[{i}].From"));
                }

                if (end is null || end == 0)
                {
                    errors.Add(new CommandError("Time", $"Enter when it closes on {day}, such as 17:00 (24:00 for midnight).", $"{day}[{i}].To"));
                }

                if (start is { } s && end is { } e && s < 1440 && e > 0)
                {
                    if (e <= s)
                    {
                        errors.Add(new CommandError(
                            "EndsBeforeStart",
                            $"On {day}, {OpenRange.Clock(e)} is not after {OpenRange.Clock(s)}: a range ends after it starts (an overnight shift is two ranges: to 00:00, midnight, and from 00:00 the next day).",
                            $"{day}[{i}].To"));
                    }
                    else
                    {
                        ranges.Add((new OpenRange(s, e), i));
                    }
                }
            }

            var sorted = ranges.OrderBy(r => r.Range.Start).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Range.Start < sorted[i - 1].Range.End)
                {
                    errors.Add(new CommandError(
                        "Overlap", $"On {day}, {Describe(sorted[i].Range)} overlaps {Describe(sorted[i - 1].Range)}.", $"{day}[{sorted[i].Index}].From"));
                }
            }

            days[day] = sorted.Select(r => r.Range).ToList();
        }

        return errors.Count > 0 ? (null, errors) : (new WeeklyHours(days), []);
    }

    /// <summary>
    /// The open hours of one real week, as instants: the week (Monday to Sunday in <paramref name="zone"/>) that holds
    /// <paramref name="now"/>. A range that runs on into the next day's (an overnight shift) is one stretch; a time a
    /// clock change skips counts from when the clock resumes. So a viewer elsewhere sees the hours in their own zone.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> WeekOf(TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var stretches = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        for (var i = 0; i < Week.Count; i++)
        {
            var date = monday.AddDays(i);
            foreach (var range in On(Week[i]))
            {
                var (start, end) = (Instant(zone, date, range.Start), Instant(zone, date, range.End));
                if (stretches.Count > 0 && stretches[^1].End == start)
                {
                    stretches[^1] = (stretches[^1].Start, end);
                }
                else if (end > start)
                {
                    stretches.Add((start, end));
                }
            }
        }

        return stretches;
    }

    private static DateTimeOffset Instant(TimeZoneInfo zone, DateOnly date, int minutes)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minutes);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>The stored form: days in week order, each with its ranges.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var day in Week)
        {
            if (On(day) is { Count: > 0 } ranges)
            {
                text.Append(text.Length > 0 ? "; " : "").Append(Abbreviation(day)).Append(' ').Append(string.Join(", ", ranges));
            }
        }

        return text.ToString();
    }

    /// <summary>For people: "Mon 09:00–12:00, 13:00–17:00 · Tue 09:00–17:00", or "No open hours".</summary>
    public string Describe() =>
        IsEmpty ? "No open hours" : string.Join(" · ", Week.Where(d => On(d).Count > 0).Select(d => $"{Abbreviation(d)} {string.Join(", ", On(d).Select(Describe))}"));

    private static string Describe(OpenRange range) => $"{OpenRange.Clock(range.Start)}–{OpenRange.Clock(range.End)}";

    private static string Abbreviation(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day);

    private static DayOfWeek? DayOf(string abbreviation) =>
        Week.Cast<DayOfWeek?>().FirstOrDefault(d => string.Equals(Abbreviation(d!.Value), abbreviation, StringComparison.OrdinalIgnoreCase));

    /// <summary>"09:00" as 540, "24:00" as 1440; null for anything else.</summary>
    private static int? Minutes(string? text)
    {
        var parts = (text ?? "").Trim().Split(':');
        if (parts.Length != 2 || parts[1].Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes > 0))
        {
            return null;
        }

        return hours * 60 + minutes;
    }
}
