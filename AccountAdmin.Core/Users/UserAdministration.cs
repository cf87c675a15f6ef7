using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Users;

public interface IUserAdministration
{
    /// <summary>
    /// Ends <paramref name="userId"/>'s membership of the account (seed 000): their other accounts stay, they are
    /// e-mailed, and when no access is left anywhere the user is archived: password cleared, sessions ended (seed 004).
    /// </summary>
    Task<CommandResult> RemoveAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Suspends the membership: the user's next request to the account is refused (seed 003).</summary>
    Task<CommandResult> SuspendAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);

    Task<CommandResult> UnsuspendAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings a removed user's membership back with its role (Archived Users → Restore). An archived user comes back
    /// without a password and is e-mailed a set-password link (seed 004); anyone else is told their access is back.
    /// </summary>
    Task<CommandResult> RestoreAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// E-mails an invited user of the account (no password yet) a new set-password link; the one before stops working.
    /// At most <see cref="InvitationRules.ResendsPerHour"/> times an hour; an expired invitation may be sent again.
    /// </summary>
    Task<CommandResult> ResendInvitationAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Withdraws an invited user's access to the account before they set a password; a user with no access left is
    /// archived, and their link stops working.
    /// </summary>
    Task<CommandResult> RevokeInvitationAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Changes to a user's place in an account. Each call checks, in Core: the actor manages users there, does not act
/// on themselves, and does not act on someone who can do more than they can; then changes, audits and queues the
/// e-mail in one transaction.
/// </summary>
public sealed class UserAdministration(
    AccountAdminDbContext db, IAccessService access, AuditTrail audit, EmailOutbox outbox, EmailTemplates templates, ChangeAuthors authors,
    IInvitationService invitations, TimeProvider clock)
    : IUserAdministration
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<CommandResult> RemoveAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default) =>
        db.OnceAsync(() => RemoveCoreAsync(actorId, accountId, userId, cancellationToken), UserErrors.AlreadyRemoved, cancellationToken);

    private async Task<CommandResult> RemoveCoreAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken)
    {
        var (refusal, scope, membership) = await CheckAsync(actorId, accountId, userId, UserErrors.CannotRemoveSelf, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await db.AgencyRoleGrants.AnyAsync(
                g => g.AgencyId == scope!.AgencyId && g.UserId == userId && g.Role == AgencyRole.AgencyAdministrator, cancellationToken))
        {
            return CommandResult.Refused(UserErrors.AgencyAdministrator);
        }

        if (membership!.Role == AccountRole.Owner)
        {
            return CommandResult.Refused(UserErrors.OwnerRemoval);
        }

        if (await access.OutranksAsync(actorId, accountId, userId, cancellationToken))
        {
            return CommandResult.Refused(AccessErrors.TargetOutranksActor);
        }

        membership.End(actorId, Now);
        audit.Record(AuditActions.MembershipEnded, scope!.AgencyId, accountId, userId, membership.Role.Display(), actorId);
        var (subject, text, html) = templates.RemovedFromAccount(membership.User, scope.AccountName, await authors.OfAsync(actorId, cancellationToken));
        outbox.Enqueue(membership.User.Email!, subject, text, html);
        await db.SaveChangesAsync(cancellationToken);
        await ArchiveIfNoAccessLeftAsync(actorId, scope!, membership!, "No access left anywhere", cancellationToken);
        return CommandResult.Done;
    }

    public Task<CommandResult> SuspendAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default) =>
        SetStatusAsync(actorId, accountId, userId, MembershipStatus.Suspended, cancellationToken);

    public Task<CommandResult> UnsuspendAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default) =>
        SetStatusAsync(actorId, accountId, userId, MembershipStatus.Active, cancellationToken);

    private Task<CommandResult> SetStatusAsync(
        Guid actorId, Guid accountId, Guid userId, MembershipStatus status, CancellationToken cancellationToken) =>
        db.OnceAsync(
            () => SetStatusCoreAsync(actorId, accountId, userId, status, cancellationToken),
            status == MembershipStatus.Suspended ? UserErrors.AlreadySuspended : UserErrors.NotSuspended,
            cancellationToken);

    private async Task<CommandResult> SetStatusCoreAsync(
        Guid actorId, Guid accountId, Guid userId, MembershipStatus status, CancellationToken cancellationToken)
    {
        var (refusal, scope, membership) = await CheckAsync(actorId, accountId, userId, UserErrors.CannotSuspendSelf, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await access.OutranksAsync(actorId, accountId, userId, cancellationToken))
        {
            return CommandResult.Refused(AccessErrors.TargetOutranksActor);
        }

        if (membership!.Status == status)
        {
            return CommandResult.Refused(status == MembershipStatus.Suspended ? UserErrors.AlreadySuspended : UserErrors.NotSuspended);
        }

        if (status == MembershipStatus.Active)
        {
            membership.Unsuspend();
            audit.Record(AuditActions.MembershipUnsuspended, scope!.AgencyId, accountId, userId, membership.Role.Display(), actorId);
        }
        else
        {
            if (membership.Role == AccountRole.Owner)
            {
                await db.LockAccountAsync(accountId, cancellationToken);
            }

            if (membership.Role == AccountRole.Owner && !await db.Memberships.AnyAsync(
                    m => m.AccountId == accountId && m.UserId != userId && m.EndedAt == null
                        && m.Role == AccountRole.Owner && m.Status == MembershipStatus.Active,
                    cancellationToken))
            {
                return CommandResult.Refused(OwnerErrors.LastOwner);
            }

            membership.Suspend(actorId, Now);
            audit.Record(AuditActions.MembershipSuspended, scope!.AgencyId, accountId, userId, membership.Role.Display(), actorId);
            var (subject, text, html) = templates.Suspended(membership.User, scope.AccountName, await authors.OfAsync(actorId, cancellationToken));
            outbox.Enqueue(membership.User.Email!, subject, text, html);
        }

        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done;
    }

    public Task<CommandResult> RestoreAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default) =>
        db.OnceAsync(() => RestoreCoreAsync(actorId, accountId, userId, cancellationToken), UserErrors.AlreadyRestored, cancellationToken);

    private async Task<CommandResult> RestoreCoreAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (actorId == userId)
        {
            return CommandResult.Refused(AccessErrors.OwnRoles);
        }

        var membership = await db.Memberships
            .Include(m => m.User)
            .SingleOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId && m.EndedAt != null, cancellationToken);
        if (membership is null)
        {
            return await db.Memberships.AnyAsync(m => m.AccountId == accountId && m.UserId == userId && m.EndedAt == null, cancellationToken)
                ? CommandResult.Refused(UserErrors.AlreadyRestored)
                : CommandResult.NotFound;
        }

        if (PermissionRules.Of(membership.Role).Except(actor.Access.Permissions).Any())
        {
            return CommandResult.Refused(UserErrors.RoleAboveActor);
        }

        var user = membership.User;
        membership.Restore(actorId, Now);
        membership.RefreshKeys(user);
        audit.Record(AuditActions.MembershipRestored, actor.Account.AgencyId, accountId, userId, membership.Role.Display(), actorId);
        string? link = null;
        if (user.ArchivedAt is not null)
        {
            user.Unarchive();
            audit.Record(AuditActions.UserRestored, actor.Account.AgencyId, accountId, userId, "Must set a new password", actorId);
            link = await invitations.CreateLinkAsync(user);
        }

        var (subject, text, html) = templates.Restored(user, actor.Account.AccountName, link, await authors.OfAsync(actorId, cancellationToken));
        outbox.Enqueue(user.Email!, subject, text, html);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done;
    }

    public Task<CommandResult> ResendInvitationAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default) =>
        db.OnceAsync(
            async () =>
            {
                var (refusal, scope, membership) = await CheckInvitedAsync(actorId, accountId, userId, cancellationToken);
                if (refusal is not null)
                {
                    return refusal;
                }

                var since = Now - TimeSpan.FromHours(1);
                if (await db.AuditEvents.CountAsync(
                        e => e.TargetUserId == userId && e.Action == AuditActions.InvitationResent && e.OccurredAt > since, cancellationToken)
                    >= InvitationRules.ResendsPerHour)
                {
                    return CommandResult.Refused(InvitationErrors.TooMany);
                }

                // A new stamp kills the link sent before: only the newest works. A new concurrency stamp makes two resends at
                // once one after the other: the second is refused, not sent past the hourly limit.
                var user = membership!.User;
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
                var link = await invitations.CreateLinkAsync(user);
                var (subject, text, html) = templates.Invitation(user, scope!.AccountName, membership.Role, link, await authors.OfAsync(actorId, cancellationToken));
                outbox.Enqueue(user.Email!, subject, text, html);
                audit.Record(AuditActions.InvitationResent, scope.AgencyId, accountId, userId, $"To {user.Email}; the earlier link no longer works", actorId);
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            },
            InvitationErrors.SentMeanwhile,
            cancellationToken);

    public Task<CommandResult> RevokeInvitationAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default) =>
        db.OnceAsync(
            async () =>
            {
                var (refusal, scope, membership) = await CheckInvitedAsync(actorId, accountId, userId, cancellationToken);
                if (refusal is not null)
                {
                    return refusal;
                }

                // An invited Owner can't approve their own removal, never having signed in: their invitation is revoked
                // by another Owner, as long as an Owner who has signed in stays.
                if (membership!.Role == AccountRole.Owner && !await OwnerStaysAsync(actorId, accountId, userId, cancellationToken))
                {
                    return CommandResult.Refused(UserErrors.InvitedOwnerRevoke);
                }

                // An Agency Administrator is removed from the whole agency at once, never from one account.
                if (await db.AgencyRoleGrants.AnyAsync(
                        g => g.AgencyId == scope!.AgencyId && g.UserId == userId && g.Role == AgencyRole.AgencyAdministrator, cancellationToken))
                {
                    return CommandResult.Refused(UserErrors.AgencyAdministrator);
                }

                membership.End(actorId, Now);
                audit.Record(AuditActions.InvitationRevoked, scope!.AgencyId, accountId, userId, $"{membership.Role.Display()}; {membership.User.Email} was not told", actorId);
                await db.SaveChangesAsync(cancellationToken);
                await ArchiveIfNoAccessLeftAsync(actorId, scope!, membership!, "Invitation revoked; no access left anywhere", cancellationToken);
                return CommandResult.Done;
            },
            UserErrors.AlreadyRemoved,
            cancellationToken);

    /// <summary>The guards of a change to an invitation: those of every change here, then that the user is still only invited.</summary>
    private async Task<(CommandResult? Refusal, AccountScope? Scope, Membership? Membership)> CheckInvitedAsync(
        Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken)
    {
        var (refusal, scope, membership) = await CheckAsync(actorId, accountId, userId, UserErrors.CannotRemoveSelf, cancellationToken);
        if (refusal is not null)
        {
            return (refusal, null, null);
        }

        if (!membership!.User.IsInvited)
        {
            return (CommandResult.Refused(InvitationErrors.NotInvited), null, null);
        }

        if (await access.OutranksAsync(actorId, accountId, userId, cancellationToken))
        {
            return (CommandResult.Refused(AccessErrors.TargetOutranksActor), null, null);
        }

        return (null, scope, membership);
    }

    /// <summary>The guards every change here shares, in order: the account, the permission, oneself, the member.</summary>
    private async Task<(CommandResult? Refusal, AccountScope? Scope, Membership? Membership)> CheckAsync(
        Guid actorId, Guid accountId, Guid userId, CommandError self, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return (refusal, null, null);
        }

        if (actorId == userId)
        {
            return (CommandResult.Refused(self), null, null);
        }

        var membership = await db.Memberships
            .Include(m => m.User)
            .SingleOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId && m.EndedAt == null, cancellationToken);
        if (membership is null)
        {
            return (await db.Memberships.AnyAsync(m => m.AccountId == accountId && m.UserId == userId, cancellationToken)
                ? CommandResult.Refused(UserErrors.AlreadyRemoved)
                : CommandResult.NotFound, null, null);
        }

        return (null, actor.Account, membership);
    }

    private async Task<bool> OwnerStaysAsync(Guid actorId, Guid accountId, Guid invitedOwnerId, CancellationToken cancellationToken) =>
        await db.Memberships.AnyAsync(
            m => m.AccountId == accountId && m.UserId == actorId && m.Role == AccountRole.Owner && m.EndedAt == null && m.Status == MembershipStatus.Active,
            cancellationToken)
        && await db.Memberships.AnyAsync(
            m => m.AccountId == accountId && m.UserId != invitedOwnerId && m.Role == AccountRole.Owner && m.EndedAt == null
                && m.Status == MembershipStatus.Active && m.User.PasswordHash != null,
            cancellationToken);


    /// <summary>After a membership ended: a user with no access left anywhere is archived (their sign-in goes with it).</summary>
    private async Task ArchiveIfNoAccessLeftAsync(Guid actorId, AccountScope scope, Membership membership, string why, CancellationToken cancellationToken)
    {
        if (!await db.HasAnyAccessAsync(membership.UserId, cancellationToken))
        {
            await db.ArchiveAsync(membership.User, Now, cancellationToken);
            audit.Record(AuditActions.UserArchived, scope.AgencyId, membership.AccountId, membership.UserId, why, actorId);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

}
