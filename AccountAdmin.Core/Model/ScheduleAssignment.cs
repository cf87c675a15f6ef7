namespace AccountAdmin.Core.Model;

/// <summary>The schedule an agent works to in one account (seed 001): at most one per account.</summary>
public sealed class ScheduleAssignment
{
    private ScheduleAssignment() { }

    public ScheduleAssignment(Guid accountId, Guid userId, Guid scheduleId)
    {
        AccountId = accountId;
        UserId = userId;
        ScheduleId = scheduleId;
    }

    public Guid AccountId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid ScheduleId { get; private set; }

    public void Change(Guid scheduleId) => ScheduleId = scheduleId;
}
