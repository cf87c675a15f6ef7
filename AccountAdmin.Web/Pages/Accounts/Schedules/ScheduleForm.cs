using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Schedules;

namespace AccountAdmin.Web.Pages.Accounts.Schedules;

/// <summary>A schedule as its form posts it: a name, a time zone, and for each day some rows of opening and closing times.</summary>
public sealed class ScheduleForm
{
    public const int BlankRows = 1;

    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Time zone")]
    public string? TimeZoneId { get; set; }

    public List<RangeField> Monday { get; set; } = [];
    public List<RangeField> Tuesday { get; set; } = [];
    public List<RangeField> Wednesday { get; set; } = [];
    public List<RangeField> Thursday { get; set; } = [];
    public List<RangeField> Friday { get; set; } = [];
    public List<RangeField> Saturday { get; set; } = [];
    public List<RangeField> Sunday { get; set; } = [];

    public sealed class RangeField
    {
        public string? From { get; set; }
        public string? To { get; set; }
    }

    public List<RangeField> On(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => Sunday,
    };

    public ScheduleInput ToInput() =>
        new(Name, TimeZoneId?.Trim(), WeeklyHours.Week.ToDictionary(
            day => day, day => (IReadOnlyList<(string? From, string? To)>)On(day).Select(r => (r.From, r.To)).ToList()));

    public static ScheduleForm Of(string name, string timeZoneId, WeeklyHours hours)
    {
        var form = new ScheduleForm { Name = name, TimeZoneId = timeZoneId };
        foreach (var day in WeeklyHours.Week)
        {
            form.On(day).AddRange(hours.On(day).Select(r => new RangeField { From = OpenRange.Clock(r.Start), To = r.End == 1440 ? "00:00" : OpenRange.Clock(r.End) }));
        }

        return form.WithBlankRows();
    }

    /// <summary>Each day gets a blank row to add a range in (without script too), up to the most a day may have.</summary>
    public ScheduleForm WithBlankRows()
    {
        foreach (var day in WeeklyHours.Week)
        {
            var rows = On(day);
            rows.RemoveAll(r => string.IsNullOrWhiteSpace(r.From) && string.IsNullOrWhiteSpace(r.To));
            while (rows.Count < WeeklyHours.MaxRangesPerDay && rows.Count(r => string.IsNullOrWhiteSpace(r.From) && string.IsNullOrWhiteSpace(r.To)) < BlankRows)
            {
                rows.Add(new RangeField());
            }
        }

        return this;
    }
}
