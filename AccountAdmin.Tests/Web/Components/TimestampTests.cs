using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

/// <summary>A moment as every page shows it: UTC in the page (and on hover), marked for site.js to show in the viewer's zone.</summary>
public sealed class TimestampTests : ComponentTestContext
{
    private IElement Time(DateTime at, bool seconds = false, bool timeOnly = false, bool dateOnly = false) =>
        Render<Timestamp>(p => p.Add(c => c.At, at).Add(c => c.Seconds, seconds).Add(c => c.TimeOnly, timeOnly).Add(c => c.DateOnly, dateOnly)).Find("time");

    [Fact]
    public void AMoment_IsWrittenInUtc_WithUtcOnHover_AndMarkedForTheViewersZone()
    {
        var time = Time(new DateTime(2026, 12, 1, 1, 21, 44, DateTimeKind.Utc));

        Assert.Equal("1 Dec 2026, 01:21 UTC", time.TextContent);
        Assert.Equal("1 Dec 2026, 01:21 UTC", time.GetAttribute("title"));
        Assert.Equal("minutes", time.GetAttribute("data-local"));
        Assert.Equal("2026-12-01T01:21:44.0000000Z", time.GetAttribute("datetime"));
    }

    [Fact]
    public void ATimeReadWithoutItsKind_IsStillMarkedAsUtc()
    {
        var time = Time(new DateTime(2026, 12, 1, 1, 21, 44, DateTimeKind.Unspecified), seconds: true);

        Assert.Equal("2026-12-01T01:21:44.0000000Z", time.GetAttribute("datetime"));
        Assert.Equal("1 Dec 2026, 01:21:44 UTC", time.TextContent);
        Assert.Equal("seconds", time.GetAttribute("data-local"));
    }

    [Fact]
    public void TimeOfDayAndDayOnly()
    {
        var time = Time(new DateTime(2026, 12, 1, 17, 5, 0, DateTimeKind.Utc), timeOnly: true);
        var day = Time(new DateTime(2026, 12, 1, 17, 5, 0, DateTimeKind.Utc), dateOnly: true);

        Assert.Equal("17:05 UTC", time.TextContent);
        Assert.Equal("time", time.GetAttribute("data-local"));
        Assert.Equal("1 Dec 2026", day.TextContent);
        Assert.False(day.HasAttribute("data-local"));
    }
}
