namespace AccountAdmin.Core.Schedules;

/// <summary>Why a change to an account's schedules was refused (seed 001): one code and message per rule, keyed by field.</summary>
public static class ScheduleErrors
{
    public const int MaxName = 200;

    public static readonly CommandError NameRequired = new("Name", "Enter a name for the schedule.", "Name");
    public static readonly CommandError NameTooLong = new("Name", $"Enter a name of at most {MaxName} characters, without control characters.", "Name");
    public static readonly CommandError DuplicateName = new("DuplicateName", "The account already has a schedule with this name.", "Name");
    public static readonly CommandError TimeZone = new("TimeZone", "Choose a time zone from the list, such as Europe/London.", "TimeZoneId");
    public static readonly CommandError Replacement = new(
        "Replacement", "Choose another of this account's schedules for its users, or none.", "ReplacementId");

    public static CommandError? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? NameRequired
        : name.Trim().Length > MaxName || name.Any(char.IsControl) ? NameTooLong
        : null;
}
