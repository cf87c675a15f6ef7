namespace AccountAdmin.Core.Model;

/// <summary>A named weekly schedule of an account, in a time zone.</summary>
public sealed class Schedule
{
    private Schedule() { }

    public Schedule(Guid accountId, string name, string timeZoneId, string weeklyHours)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        Change(name, timeZoneId, weeklyHours);
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The name whatever its case: unique in the account.</summary>
    public string NormalizedName { get; private set; } = "";

    public string TimeZoneId { get; private set; } = "UTC";

    /// <summary>Open hours per day, such as "Mon 09:00-12:00, 13:00-17:00; Tue 09:00-17:00" (see Schedules.WeeklyHours).</summary>
    public string WeeklyHours { get; private set; } = "";

    public void Change(string name, string timeZoneId, string weeklyHours)
    {
        Name = name.Trim();
        NormalizedName = Name.ToUpperInvariant();
        TimeZoneId = timeZoneId;
        WeeklyHours = weeklyHours;
    }
}
