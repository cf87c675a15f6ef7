namespace AccountAdmin.Core.Model;

/// <summary>A named group in an account; Call Agents, Call Managers and Report Managers can be placed in it.</summary>
public sealed class AccessControlGroup
{
    private AccessControlGroup() { }

    public AccessControlGroup(Guid accountId, string name)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        Name = name.Trim();
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string Name { get; private set; } = "";
}

public sealed class AccessControlGroupMember
{
    private AccessControlGroupMember() { }

    public AccessControlGroupMember(Guid groupId, Guid userId)
    {
        GroupId = groupId;
        UserId = userId;
    }

    public Guid GroupId { get; private set; }
    public Guid UserId { get; private set; }
}

/// <summary>A named weekly schedule of an account, in a time zone.</summary>
public sealed class Schedule
{
    private Schedule() { }

    public Schedule(Guid accountId, string name, string timeZoneId, string weeklyHours)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        Name = name.Trim();
        TimeZoneId = timeZoneId;
        WeeklyHours = weeklyHours;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string Name { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "UTC";

    /// <summary>Open hours per day, such as "Mon 09:00-17:00; Tue 09:00-17:00".</summary>
    public string WeeklyHours { get; private set; } = "";
}

public enum OwnerRemovalStatus
{
    Pending = 1,
    Approved = 2,
    Declined = 3,
}

/// <summary>Owner A asks to take the Owner role from owner B; B must approve (seed 003).</summary>
public sealed class OwnerRemovalRequest
{
    private OwnerRemovalRequest() { }

    public OwnerRemovalRequest(Guid accountId, Guid ownerUserId, Guid requestedById, AccountRole newRole, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        OwnerUserId = ownerUserId;
        RequestedById = requestedById;
        NewRole = newRole;
        CreatedAt = createdAt;
        Status = OwnerRemovalStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid OwnerUserId { get; private set; }
    public Guid RequestedById { get; private set; }
    public AccountRole NewRole { get; private set; }
    public OwnerRemovalStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public void Decide(bool approved, DateTime at)
    {
        Status = approved ? OwnerRemovalStatus.Approved : OwnerRemovalStatus.Declined;
        DecidedAt = at;
    }
}
