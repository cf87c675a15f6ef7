namespace AccountAdmin.Core.Placements;

/// <summary>Why a user's schedule or access control groups were refused (seed 001).</summary>
public static class PlacementErrors
{
    public static readonly CommandError GroupsNotForRole = new(
        "GroupsNotForRole", "Only Call Agents, Call Managers and Report Managers can be placed in access control groups.", "GroupIds");
    public static readonly CommandError ScheduleName = new("ScheduleName", "Name the new schedule (at most 200 characters).", "NewScheduleName");
    public static readonly CommandError ScheduleNameTaken = new(
        "ScheduleNameTaken", "This account already has a schedule with that name: pick it from the list.", "NewScheduleName");
    public static readonly CommandError TimeZone = new("TimeZone", "Choose a time zone from the list.", "NewScheduleTimeZone");
    public static readonly CommandError Schedule = new("Schedule", "Choose one of this account's schedules.", "ScheduleId");
    public static readonly CommandError Group = new("Group", "Choose groups of this account only.", "GroupIds");
    public static readonly CommandError RoutingNotForRole = new("RoutingNotForRole", "Only Call Agents are routed activities.", "RoutingIds");
    public static readonly CommandError Routing = new("Routing", "Choose routing methods of this account only.", "RoutingIds");
}
