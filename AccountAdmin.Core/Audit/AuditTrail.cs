using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Audit;

/// <summary>
/// Adds audit events to the unit of work of the change they describe, so that the event
/// and the change are saved in one transaction or not at all.
/// </summary>
public sealed class AuditTrail(AccountAdminDbContext db, IActorContext actor, TimeProvider clock)
{
    /// <summary>The user changes are being made as, if any.</summary>
    public Guid? ActorUserId => actor.UserId;

    public AuditEvent Record(
        string action, Guid? agencyId = null, Guid? accountId = null, Guid? targetUserId = null,
        string? details = null, Guid? actorUserId = null)
    {
        var auditEvent = Create(action, agencyId, accountId, targetUserId, details, actorUserId);
        db.AuditEvents.Add(auditEvent);
        return auditEvent;
    }

    /// <summary>An event for <see cref="RecordAllAsync"/>: one of many saved together.</summary>
    public AuditEvent Create(
        string action, Guid? agencyId = null, Guid? accountId = null, Guid? targetUserId = null,
        string? details = null, Guid? actorUserId = null) =>
        new(clock.GetUtcNow().UtcDateTime, action, actorUserId ?? actor.UserId, actor.ImpersonatorUserId,
            agencyId, accountId, targetUserId, details, actor.ClientIp);

    /// <summary>Saves many events with one statement, in the current transaction.</summary>
    public Task RecordAllAsync(IReadOnlyCollection<AuditEvent> events, CancellationToken cancellationToken) =>
        db.InsertAsync(events, cancellationToken);
}
