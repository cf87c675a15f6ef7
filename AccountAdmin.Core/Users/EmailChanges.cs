using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Users;

/// <summary>What a confirmation link is for: whose address changes, from what, to what.</summary>
public sealed record EmailChange(Guid UserId, string Name, string From, string To);

public interface IEmailChanges
{
    /// <summary>
    /// Asks for <paramref name="user"/>'s e-mail to become <paramref name="newEmail"/>: the new address is sent a link
    /// that makes the change, the old one is told. Saved with the caller's change.
    /// </summary>
    Task RequestAsync(Guid actorId, AppUser user, string newEmail, CancellationToken cancellationToken = default);

    /// <summary>The change a link is for, while it can still be made; null when it expired, was made, was replaced or was altered.</summary>
    Task<EmailChange?> FindAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Makes the change a link is for; refused when the link no longer works or someone has the address meanwhile.</summary>
    Task<CommandResult> ConfirmAsync(string token, CancellationToken cancellationToken = default);
}

/// <summary>
/// A changed e-mail address takes effect only when a link sent to it is followed (Identity's change-e-mail token, for that
/// address): nobody can point a user's sign-in and mail at an address that is not theirs by mistyping or on purpose.
/// </summary>
public sealed class EmailChanges(
    UserManager<AppUser> users, AccountAdminDbContext db, AuditTrail audit, EmailOutbox outbox, EmailTemplates templates, ChangeAuthors authors, PortalAddressOptions portal,
    TimeProvider clock, Impersonations.ImpersonationGuard guard) : IEmailChanges
{
    public async Task RequestAsync(Guid actorId, AppUser user, string newEmail, CancellationToken cancellationToken = default)
    {
        user.RequestEmailChange(newEmail, clock.GetUtcNow().UtcDateTime);
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        var link = portal.Link($"/confirm-email/{LinkTokens.Pack(user.Id, token)}");
        var by = await authors.OfAsync(actorId, cancellationToken);
        var (subject, text, html) = templates.ConfirmNewEmail(user, newEmail, link, by);
        outbox.Enqueue(newEmail, subject, text, html);
        (subject, text, html) = templates.EmailChangeRequested(user, newEmail, by);
        outbox.Enqueue(user.Email!, subject, text, html);
    }

    public async Task<EmailChange?> FindAsync(string token, CancellationToken cancellationToken = default) =>
        await FindUserAsync(token) is { } user ? new EmailChange(user.Id, user.DisplayName, user.Email!, user.PendingEmail!) : null;

    public async Task<CommandResult> ConfirmAsync(string token, CancellationToken cancellationToken = default)
    {
        // Logged in as the user, support staff can't move how they sign in (refused and audited outside the change).
        if (LinkTokens.Unpack(token) is var (userId, _)
            && await guard.RefuseAsync("confirm a change of this user's e-mail address", null, null, userId, "", cancellationToken) is { } refused)
        {
            return refused;
        }

        try
        {
            return await ConfirmOnceAsync(token, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone took the address (or a username equal to it) between the check and the save.
            db.ChangeTracker.Clear();
            return CommandResult.Refused(IdentityErrors.DuplicateEmail);
        }
    }

    private Task<CommandResult> ConfirmOnceAsync(string token, CancellationToken cancellationToken) =>
        db.OnceAsync(
            async () =>
            {
                if (await FindUserAsync(token) is not { } user)
                {
                    return CommandResult.Refused(UserErrors.EmailLinkExpired);
                }

                var from = user.Email!;
                if (await users.FindByEmailAsync(user.PendingEmail!) is { } holder && holder.Id != user.Id)
                {
                    return CommandResult.Refused(IdentityErrors.DuplicateEmail);
                }

                if (user.UserName == user.Email && await users.FindByNameAsync(user.PendingEmail!) is { } named && named.Id != user.Id)
                {
                    return CommandResult.Refused(IdentityErrors.DuplicateUserName);
                }

                // As Identity's own change of e-mail: a new stamp ends every session and kills every link sent before.
                user.ConfirmEmailChange(users.NormalizeEmail);
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                audit.Record(AuditActions.EmailChanged, targetUserId: user.Id, actorUserId: user.Id, details: $"From {from} to {user.Email}, confirmed from the new address");
                await db.SaveChangesAsync(cancellationToken);
                await db.Memberships.Where(m => m.UserId == user.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.NameKey, user.NameKey).SetProperty(m => m.EmailKey, user.EmailKey).SetProperty(m => m.SignInKey, user.SignInKey),
                    cancellationToken);
                return CommandResult.Done;
            },
            UserErrors.EmailLinkExpired,
            cancellationToken);

    private async Task<AppUser?> FindUserAsync(string token)
    {
        if (LinkTokens.Unpack(token) is not var (userId, identityToken))
        {
            return null;
        }

        var user = await users.FindByIdAsync(userId.ToString());
        return user is { ArchivedAt: null, PendingEmail: { } pending }
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.ChangeEmailTokenProvider, UserManager<AppUser>.GetChangeEmailTokenPurpose(pending), identityToken)
                ? user
                : null;
    }
}
