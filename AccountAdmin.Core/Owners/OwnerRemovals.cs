using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Owners;

public sealed record PendingOwnerRemoval(Guid Id, Guid AccountId, string AccountName, string RequestedBy, AccountRole NewRole, DateTime CreatedAt);

public interface IOwnerRemovals
{
    /// <summary>Owner <paramref name="actorId"/> asks to take the Owner role from <paramref name="ownerUserId"/>, who must approve (seed 003).</summary>
    Task<CommandResult> RequestAsync(Guid actorId, Guid accountId, Guid ownerUserId, AccountRole newRole, CancellationToken cancellationToken = default);

    /// <summary>The Owner a request is about approves or declines it; on approval the other Owners are e-mailed.</summary>
    Task<CommandResult> DecideAsync(Guid ownerUserId, Guid requestId, bool approve, CancellationToken cancellationToken = default);

    /// <summary>The requests waiting for <paramref name="ownerUserId"/>'s answer.</summary>
    Task<IReadOnlyList<PendingOwnerRemoval>> PendingForAsync(Guid ownerUserId, CancellationToken cancellationToken = default);
}

public sealed class OwnerRemovals(
    AccountAdminDbContext db, IAccessService access, AuditTrail audit, EmailOutbox outbox, EmailTemplates templates, ImpersonationGuard guard,
    TimeProvider clock)
    : IOwnerRemovals
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<CommandResult> RequestAsync(
        Guid actorId, Guid accountId, Guid ownerUserId, AccountRole newRole, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (!actor.Access.Has(Permission.ManageOwners))
        {
            return CommandResult.Refused(OwnerErrors.OnlyOwnersRequest);
        }

        if (actorId == ownerUserId)
        {
            return CommandResult.Refused(OwnerErrors.OwnOwnerRemoval);
        }

        var membership = await db.Memberships.Include(m => m.User)
            .SingleOrDefaultAsync(m => m.AccountId == accountId && m.UserId == ownerUserId && m.EndedAt == null, cancellationToken);
        if (membership is null)
        {
            return CommandResult.NotFound;
        }

        if (membership.Role != AccountRole.Owner)
        {
            return CommandResult.Refused(OwnerErrors.NotAnOwner);
        }

        if (newRole == AccountRole.Owner || !Enum.IsDefined(newRole))
        {
            return CommandResult.Refused(OwnerErrors.NewRoleMustDiffer);
        }

        if (await db.OwnerRemovalRequests.AnyAsync(
                r => r.AccountId == accountId && r.OwnerUserId == ownerUserId && r.Status == OwnerRemovalStatus.Pending, cancellationToken))
        {
            return CommandResult.Refused(OwnerErrors.RequestPending);
        }

        var requester = await db.Users.AsNoTracking().SingleAsync(u => u.Id == actorId, cancellationToken);
        db.OwnerRemovalRequests.Add(new OwnerRemovalRequest(accountId, ownerUserId, actorId, newRole, Now));
        audit.Record(AuditActions.OwnerRemovalRequested, actor.Account.AgencyId, accountId, ownerUserId, $"New role: {newRole.Display()}", actorId);
        var (subject, text, html) = templates.OwnerRemovalRequested(membership.User, actor.Account.AccountName, requester.DisplayName, newRole);
        outbox.Enqueue(membership.User.Email!, subject, text, html);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done;
    }

    public async Task<CommandResult> DecideAsync(Guid ownerUserId, Guid requestId, bool approve, CancellationToken cancellationToken = default)
    {
        // Refused before the transaction, so that the refusal's audit event stays. Answering is the Owner's own decision.
        if (guard.Impersonating)
        {
            var accountId = await db.OwnerRemovalRequests.Where(r => r.Id == requestId && r.OwnerUserId == ownerUserId)
                .Select(r => (Guid?)r.AccountId).SingleOrDefaultAsync(cancellationToken);
            return accountId is null
                ? CommandResult.NotFound
                : (await guard.RefuseAsync($"{(approve ? "approve" : "decline")} a request to step down as Owner", null, accountId, ownerUserId, "", cancellationToken))!;
        }

        return await db.OnceAsync(
            () => DecideCoreAsync(ownerUserId, requestId, approve, cancellationToken), OwnerErrors.RequestDecided, cancellationToken);
    }

    private async Task<CommandResult> DecideCoreAsync(Guid ownerUserId, Guid requestId, bool approve, CancellationToken cancellationToken)
    {
        var request = await db.OwnerRemovalRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.OwnerUserId == ownerUserId, cancellationToken);
        if (request is null)
        {
            return CommandResult.NotFound;
        }

        if (request.Status != OwnerRemovalStatus.Pending)
        {
            return CommandResult.Refused(OwnerErrors.RequestDecided);
        }

        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == request.AccountId, cancellationToken);
        var owner = await db.Users.SingleAsync(u => u.Id == ownerUserId, cancellationToken);
        if (!approve)
        {
            request.Decide(false, Now);
            audit.Record(AuditActions.OwnerRemovalDeclined, account.AgencyId, account.Id, ownerUserId, actorUserId: ownerUserId);
            var requester = await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.RequestedById, cancellationToken);
            var declined = templates.OwnerRemovalDeclined(requester, account.Name, owner.DisplayName);
            outbox.Enqueue(requester.Email!, declined.Subject, declined.Text, declined.Html);
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        }

        await db.LockAccountAsync(request.AccountId, cancellationToken);
        if (await db.OwnerRemovalRequests.AnyAsync(r => r.Id == requestId && r.Status != OwnerRemovalStatus.Pending, cancellationToken))
        {
            return CommandResult.Refused(OwnerErrors.RequestDecided);
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(
            m => m.AccountId == request.AccountId && m.UserId == ownerUserId && m.EndedAt == null && m.Role == AccountRole.Owner, cancellationToken);
        var otherOwners = await db.Memberships
            .Where(m => m.AccountId == request.AccountId && m.UserId != ownerUserId && m.EndedAt == null
                && m.Role == AccountRole.Owner && m.Status == MembershipStatus.Active)
            .Select(m => m.User)
            .ToListAsync(cancellationToken);
        if (membership is null || otherOwners.Count == 0)
        {
            return CommandResult.Refused(OwnerErrors.LastOwner);
        }

        membership.ChangeRole(request.NewRole);
        request.Decide(true, Now);
        audit.Record(AuditActions.OwnerRemovalApproved, account.AgencyId, account.Id, ownerUserId, $"Now {request.NewRole.Display()}", ownerUserId);
        foreach (var other in otherOwners)
        {
            var done = templates.OwnerRemovalCompleted(other, account.Name, owner.DisplayName, request.NewRole);
            outbox.Enqueue(other.Email!, done.Subject, done.Text, done.Html);
        }

        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done;
    }

    public async Task<IReadOnlyList<PendingOwnerRemoval>> PendingForAsync(Guid ownerUserId, CancellationToken cancellationToken = default) =>
        await db.OwnerRemovalRequests
            .AsNoTracking()
            .Where(r => r.OwnerUserId == ownerUserId && r.Status == OwnerRemovalStatus.Pending)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new PendingOwnerRemoval(
                r.Id, r.AccountId,
                db.Accounts.Where(a => a.Id == r.AccountId).Select(a => a.Name).Single(),
                db.Users.Where(u => u.Id == r.RequestedById).Select(u => u.FirstName + " " + u.LastName).Single(),
                r.NewRole, r.CreatedAt))
            .ToListAsync(cancellationToken);
}
