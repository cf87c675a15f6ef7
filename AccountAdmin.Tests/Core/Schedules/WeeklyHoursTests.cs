using AccountAdmin.Core.Schedules;

namespace AccountAdmin.Tests.Core.Schedules;

public sealed class WeeklyHoursTests
{
    private static (WeeklyHours? Hours, IReadOnlyList<AccountAdmin.Core.CommandError> Errors) Typed(DayOfWeek day, params (string? From, string? To)[] pairs) =>
        WeeklyHours.FromFields(new Dictionary<DayOfWeek, IReadOnlyList<(string? From, string? To)>> { [day] = pairs });

    [Fact]
    public void ASplitDay_IsKeptInOrder_AndStoredAndReadBackTheSame()
    {
        var (hours, errors) = WeeklyHours.FromFields(new Dictionary<DayOfWeek, IReadOnlyList<(string? From, string? To)>>
        {
            [DayOfWeek.Monday] = [("13:00", "17:00"), ("", " "), ("09:00", "12:00")],
            [DayOfWeek.Sunday] = [("10:00", "14:00")],
            [DayOfWeek.Tuesday] = [],
        });

        Assert.Empty(errors);
        Assert.Equal("Mon 09:00-12:00, 13:00-17:00; Sun 10:00-14:00", hours!.ToString());
        Assert.Equal(hours.ToString(), WeeklyHours.Parse(hours.ToString()).ToString());
        Assert.Equal("Mon 09:00–12:00, 13:00–17:00 · Sun 10:00–14:00", hours.Describe());
        Assert.Empty(hours.On(DayOfWeek.Tuesday));
    }

    [Fact]
    public void AnOvernightShift_IsTwoRanges_ToMidnightAndFromIt()
    {
        var (hours, errors) = WeeklyHours.FromFields(new Dictionary<DayOfWeek, IReadOnlyList<(string? From, string? To)>>
        {
            [DayOfWeek.Friday] = [("22:00", "24:00")],
            [DayOfWeek.Saturday] = [("00:00", "06:00"), ("20:00", "00:00")],
        });

        Assert.Empty(errors);
        Assert.Equal([new OpenRange(1320, 1440)], hours!.On(DayOfWeek.Friday));
        Assert.Equal([new OpenRange(0, 360), new OpenRange(1200, 1440)], hours.On(DayOfWeek.Saturday));
        Assert.Equal("Fri 22:00-24:00; Sat 00:00-06:00, 20:00-24:00", hours.ToString());
    }

    [Fact]
    public void ARangeThatEndsBeforeItStarts_OrOverlapsAnother_IsRefusedAtItsField()
    {
        var backwards = Typed(DayOfWeek.Monday, ("17:00", "09:00"));
        var empty = Typed(DayOfWeek.Monday, ("09:00", "09:00"));
        var overlap = Typed(DayOfWeek.Wednesday, ("09:00", "12:00"), ("11:30", "14:00"));
        var touching = Typed(DayOfWeek.Wednesday, ("09:00", "12:00"), ("12:00", "14:00"));

        Assert.Null(backwards.Hours);
        Assert.Equal(("EndsBeforeStart", "Monday[0].To"), (backwards.Errors.Single().Code, backwards.Errors.Single().Field));
        Assert.Contains("an overnight shift is two ranges", backwards.Errors.Single().Message);
        Assert.Equal("EndsBeforeStart", empty.Errors.Single().Code);
        Assert.Equal(("Overlap", "Wednesday[1].From"), (overlap.Errors.Single().Code, overlap.Errors.Single().Field));
        Assert.Equal("On Wednesday, 11:30–14:00 overlaps 09:00–12:00.", overlap.Errors.Single().Message);
        Assert.Empty(touching.Errors);
    }

    [Theory]
    [InlineData("9", "17:00", "Monday[0].From")]
    [InlineData("09:00", "25:00", "Monday[0].To")]
    [InlineData("24:00", "24:00", "Monday[0].From")]
    [InlineData("09:60", "17:00", "Monday[0].From")]
    [InlineData("09:00", "", "Monday[0].To")]
    [InlineData("', DROP", "17:00", "Monday[0].From")]
    [InlineData("-1:00", "17:00", "Monday[0].From")]
    public void ATimeThatIsNotOne_IsRefusedAtItsField(string from, string to, string field)
    {
        var (hours, errors) = Typed(DayOfWeek.Monday, (from, to));

        Assert.Null(hours);
        Assert.Equal(field, errors.First().Field);
    }

    [Fact]
    public void TooManyRangesInADay_AreRefused()
    {
        var pairs = Enumerable.Range(0, WeeklyHours.MaxRangesPerDay + 1).Select(h => ($"{h:00}:00", $"{h:00}:30")).Select(p => ((string?)p.Item1, (string?)p.Item2)).ToArray();

        Assert.Equal("TooManyRanges", Typed(DayOfWeek.Monday, pairs).Errors.Single().Code);
    }

    [Fact]
    public void StoredTextThatCantBeRead_IsLeftOut_NotAFailure()
    {
        var hours = WeeklyHours.Parse("Mon 09:00-17:00; Funday 10:00-11:00; Tue 18:00-08:00, 10:00-11:00; nonsense");

        Assert.Equal("Mon 09:00-17:00; Tue 10:00-11:00", hours.ToString());
        Assert.True(WeeklyHours.Parse(null).IsEmpty);
        Assert.Equal("No open hours", WeeklyHours.Parse("").Describe());
        Assert.Equal("Mon 09:00-17:00; Tue 09:00-17:00; Wed 09:00-17:00; Thu 09:00-17:00; Fri 09:00-17:00", WeeklyHours.Weekdays.ToString());
    }

    [Fact]
    public void TheWeekOfADate_IsItsMondayToSunday_InTheSchedulesZone_AsInstants()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var hours = WeeklyHours.Parse("Mon 09:00-12:00, 13:00-17:00; Sun 08:00-09:00");

        // Thursday 3 December 2026: the week runs from Monday 30 November to Sunday 6 December, Tokyo time (UTC+9).
        var week = hours.WeekOf(tokyo, new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            [
                (At(2026, 11, 30, 0), At(2026, 11, 30, 3)), (At(2026, 11, 30, 4), At(2026, 11, 30, 8)),
                (At(2026, 12, 5, 23), At(2026, 12, 6, 0)),
            ],
            week);
        // Sunday 6 December 23:30 in Tokyo is still that week, though it is Sunday 14:30 in UTC.
        Assert.Equal(week, hours.WeekOf(tokyo, new DateTimeOffset(2026, 12, 6, 14, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AnOvernightShift_IsOneStretch_AndAnHourTheClockSkips_StartsWhenItResumes()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var hours = WeeklyHours.Parse("Sat 22:00-24:00; Sun 00:00-02:00, 02:30-04:00");

        // Summer time begins in Berlin on Sunday 29 March 2026: 02:00 becomes 03:00 (UTC+1 to UTC+2), so 02:00 and 02:30
        // are both 03:00 and the night from Saturday 22:00 (21:00 UTC) to Sunday 04:00 (02:00 UTC) is one stretch.
        var week = hours.WeekOf(berlin, new DateTimeOffset(2026, 3, 25, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal([(At(2026, 3, 28, 21), At(2026, 3, 29, 2))], week);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);
}
