using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountAdmin.Core.Sessions;

public sealed class PasswordResetOptions
{
    public const string Section = "PasswordReset";

    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00", ErrorMessage = "PasswordReset:LinkLifespan must be between 5 minutes and 1 day.")]
    public TimeSpan LinkLifespan { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Reset e-mails one user gets in an hour at most, however often someone asks: no mail-bombing through the form.</summary>
    [Range(1, 100, ErrorMessage = "PasswordReset:PerUserPerHour must be 1 to 100.")]
    public int PerUserPerHour { get; set; } = 3;
}

/// <summary>Identity's data-protected tokens with the reset link's own, short lifespan.</summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider protection, IOptions<PasswordResetTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> logger)
    : DataProtectorTokenProvider<AppUser>(protection, options, logger)
{
    public const string ProviderName = "PasswordReset";
}

public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions;

public interface IPasswordResets
{
    /// <summary>
    /// Forgot password: e-mails a reset link to the active user whose e-mail or username this is, at most
    /// <see cref="PasswordResetOptions.PerUserPerHour"/> an hour. Says nothing about whether there is one.
    /// </summary>
    Task RequestAsync(string signInName, string? clientIp, CancellationToken cancellationToken = default);

    /// <summary>The user a reset link is for while it can still be used: unexpired, unused, the newest sent, the user active.</summary>
    Task<AppUser?> FindAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Sets the new password, ends every session of the user, clears their sign-in locks and tells them by e-mail.</summary>
    Task<CommandResult> ResetAsync(string token, string password, CancellationToken cancellationToken = default);
}

/// <summary>
/// Reset links: single use (setting the password rotates the security stamp, which the token carries), short-lived, and
/// only the newest works: each link's purpose names a nonce kept with the user, which the next link replaces.
/// </summary>
public sealed class PasswordResets(
    UserManager<AppUser> users, AccountAdminDbContext db, ISessionService sessions, ISignInSecurity signInSecurity, AuditTrail audit,
    EmailOutbox outbox, EmailTemplates templates, PortalAddressOptions portal, PasswordResetOptions options, TimeProvider clock) : IPasswordResets
{
    private const string Store = "AccountAdmin";
    private const string NonceName = "PasswordResetNonce";

    public static readonly CommandError Expired = new(
        "Expired", "This reset link has expired, was used already, or a newer one was sent. Ask for a new one from the sign-in page.");

    public async Task RequestAsync(string signInName, string? clientIp, CancellationToken cancellationToken = default)
    {
        var user = await sessions.FindBySignInNameAsync(signInName, cancellationToken);
        if (user is not { ArchivedAt: null })
        {
            return;
        }

        var since = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        if (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.PasswordResetRequested && e.TargetUserId == user.Id && e.OccurredAt >= since, cancellationToken)
            >= options.PerUserPerHour)
        {
            return;
        }

        await db.AtomicallyAsync(
            async () =>
            {
                var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
                await users.SetAuthenticationTokenAsync(user, Store, NonceName, nonce);
                var token = await users.GenerateUserTokenAsync(user, PasswordResetTokenProvider.ProviderName, Purpose(nonce));
                var link = portal.Link($"/reset-password/{LinkTokens.Pack(user.Id, token)}");
                var (subject, text, html) = templates.PasswordReset(user, link, options.LinkLifespan);
                outbox.Enqueue(user.Email!, subject, text, html);
                audit.Record(AuditActions.PasswordResetRequested, targetUserId: user.Id, details: clientIp is null ? null : $"From {clientIp}");
                await db.SaveChangesAsync(cancellationToken);
                return true;
            },
            done => done,
            cancellationToken);
    }

    public async Task<AppUser?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (LinkTokens.Unpack(token) is not var (userId, identityToken))
        {
            return null;
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is not { ArchivedAt: null } || await users.GetAuthenticationTokenAsync(user, Store, NonceName) is not { Length: > 0 } nonce)
        {
            return null;
        }

        return await users.VerifyUserTokenAsync(user, PasswordResetTokenProvider.ProviderName, Purpose(nonce), identityToken) ? user : null;
    }

    public Task<CommandResult> ResetAsync(string token, string password, CancellationToken cancellationToken = default) =>
        db.AtomicallyAsync(() => ResetCoreAsync(token, password, cancellationToken), cancellationToken);

    private async Task<CommandResult> ResetCoreAsync(string token, string password, CancellationToken cancellationToken)
    {
        var user = await FindAsync(token, cancellationToken);
        if (user is null)
        {
            return CommandResult.Refused(Expired);
        }

        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return CommandResult.Refused(Expired);
        }

        if (!result.Succeeded)
        {
            return IdentityErrors.Refused(result);
        }

        await users.RemoveAuthenticationTokenAsync(user, Store, NonceName);
        await sessions.EndAllAsync(user.Id, except: null, SessionEnd.PasswordChanged, cancellationToken);
        audit.Record(AuditActions.PasswordReset, targetUserId: user.Id, actorUserId: user.Id, details: "From a reset link");
        var (subject, text, html) = templates.PasswordWasReset(user);
        outbox.Enqueue(user.Email!, subject, text, html);
        await db.SaveChangesAsync(cancellationToken);
        await signInSecurity.ClearAsync(user, cancellationToken);
        return CommandResult.Done;
    }

    private static string Purpose(string nonce) => $"ResetPassword:{nonce}";
}
