namespace AccountAdmin.Web.Pages.Accounts.Schedules;

/// <summary>What the shared schedule fields render: the form as saved or as posted.</summary>
public sealed record ScheduleFormView(ScheduleForm Form);
