using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;

namespace AccountAdmin.Core.Impersonations;

/// <summary>
/// What nobody may do while logged in as someone else (seed 004 gives "log in as" to look, not to take over): change that
/// user's password, e-mail, sign-in name or second factor, approve an owner-removal request on their behalf, or change who
/// must use two-factor sign-in.
/// </summary>
public sealed class ImpersonationGuard(AccountAdminDbContext db, AuditTrail audit, IActorContext actor)
{
    public bool Impersonating => actor.ImpersonatorUserId is not null;

    /// <summary>
    /// Null when not impersonating; otherwise the refusal, already recorded as an audit event. Call it before any other
    /// change is tracked: it saves the event on its own.
    /// </summary>
    public async Task<CommandResult?> RefuseAsync(
        string what, Guid? agencyId, Guid? accountId, Guid userId, string field, CancellationToken cancellationToken)
    {
        if (!Impersonating)
        {
            return null;
        }

        audit.Record(AuditActions.ImpersonationActionRefused, agencyId, accountId, userId, details: $"Refused while impersonating: {what}");
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Refused(ImpersonationErrors.WhileImpersonating(what, field));
    }
}
