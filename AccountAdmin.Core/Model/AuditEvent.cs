namespace AccountAdmin.Core.Model;

/// <summary>Who did what to whom, in which account, when, from where.</summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    public AuditEvent(
        DateTime occurredAt, string action, Guid? actorUserId, Guid? impersonatorUserId,
        Guid? agencyId, Guid? accountId, Guid? targetUserId, string? details, string? clientIp)
    {
        Id = Guid.NewGuid();
        OccurredAt = occurredAt;
        Action = action;
        ActorUserId = actorUserId;
        ImpersonatorUserId = impersonatorUserId;
        AgencyId = agencyId;
        AccountId = accountId;
        TargetUserId = targetUserId;
        Details = details;
        ClientIp = clientIp;
    }

    public Guid Id { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public string Action { get; private set; } = "";

    /// <summary>The user the change was made as.</summary>
    public Guid? ActorUserId { get; private set; }

    /// <summary>Who was really at the keyboard, when the actor was being impersonated.</summary>
    public Guid? ImpersonatorUserId { get; private set; }

    public Guid? AgencyId { get; private set; }
    public Guid? AccountId { get; private set; }
    public Guid? TargetUserId { get; private set; }
    public string? Details { get; private set; }
    public string? ClientIp { get; private set; }
}
