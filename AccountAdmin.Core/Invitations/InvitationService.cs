using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Core.Invitations;

public interface IInvitationService
{
    /// <summary>
    /// The address of a set-password page for <paramref name="user"/>: single use, it expires. The user is marked
    /// invited now (saved with the caller's change, when the user is tracked).
    /// </summary>
    Task<string> CreateLinkAsync(AppUser user);

    /// <summary>The user a link is for, while it can still be used; null when it expired, was used or was altered.</summary>
    Task<AppUser?> FindAsync(string token);

    /// <summary>Sets the password the link is for; the link cannot be used again afterwards.</summary>
    Task<CommandResult> SetPasswordAsync(string token, string password, CancellationToken cancellationToken = default);
}

/// <summary>
/// Set-password links, on Identity's password-reset tokens: they expire, and they die with the security stamp,
/// which setting the password rotates, so each is used at most once.
/// </summary>
public sealed class InvitationService(
    UserManager<AppUser> users, AccountAdminDbContext db, AuditTrail audit, PortalAddressOptions portal, Sessions.ISignInSecurity signInSecurity,
    TimeProvider clock)
    : IInvitationService
{
    public async Task<string> CreateLinkAsync(AppUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var packed = LinkTokens.Pack(user.Id, token);
        user.Invited(clock.GetUtcNow().UtcDateTime);
        return portal.Link($"/invitation/{packed}");
    }

    public async Task<AppUser?> FindAsync(string token)
    {
        if (LinkTokens.Unpack(token) is not var (userId, identityToken))
        {
            return null;
        }

        var user = await users.FindByIdAsync(userId.ToString());
        return user is not null && user.ArchivedAt is null
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, identityToken)
            ? user
            : null;
    }

    public Task<CommandResult> SetPasswordAsync(string token, string password, CancellationToken cancellationToken = default) =>
        db.AtomicallyAsync(() => SetPasswordCoreAsync(token, password, cancellationToken), cancellationToken);

    private async Task<CommandResult> SetPasswordCoreAsync(string token, string password, CancellationToken cancellationToken)
    {
        var user = await FindAsync(token);
        if (user is null)
        {
            return CommandResult.Refused(InvitationErrors.Expired);
        }

        var result = await users.ResetPasswordAsync(user, LinkTokens.Unpack(token)!.Value.Token, password);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            // The same link used twice at once: the other use set the password.
            return CommandResult.Refused(InvitationErrors.Expired);
        }

        if (!result.Succeeded)
        {
            return IdentityErrors.Refused(result);
        }

        audit.Record(AuditActions.PasswordSet, targetUserId: user.Id, actorUserId: user.Id, details: "From a set-password link");
        await db.SaveChangesAsync(cancellationToken);
        await signInSecurity.ClearAsync(user, cancellationToken);
        return CommandResult.Done;
    }
}
