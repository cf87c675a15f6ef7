using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Sessions;

public interface IRecentSignIn
{
    /// <summary>
    /// Whether the acting browser's session proved who its user is (signed in, or confirmed since) within
    /// <see cref="RecentSignIn.Window"/>: adding or removing a second factor needs it. A call with no session of a browser
    /// (the system, a test) is not asked. With <paramref name="forAtLeast"/>, it must stay recent that much longer: long
    /// enough for a passkey the browser is about to make to be kept.
    /// </summary>
    Task<bool> IsRecentAsync(CancellationToken cancellationToken = default, TimeSpan forAtLeast = default);

    /// <summary>
    /// Proves it again with the current password: a wrong one is counted against the user's sign-in name as a wrong
    /// password at sign-in is, and while that name is locked even the right one is refused.
    /// </summary>
    Task<CommandResult> ConfirmWithPasswordAsync(Guid userId, string password, CancellationToken cancellationToken = default);

    /// <summary>Proves it again with a passkey Identity has just verified, which must be the user's own.</summary>
    Task<CommandResult> ConfirmWithPasskeyAsync(Guid userId, AppUser passkeyUser, CancellationToken cancellationToken = default);
}

public sealed class RecentSignIn(
    AccountAdminDbContext db, IActorContext actor, UserManager<AppUser> users, ISignInSecurity security, AuditTrail audit, TimeProvider clock,
    ImpersonationGuard guard) : IRecentSignIn
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<bool> IsRecentAsync(CancellationToken cancellationToken = default, TimeSpan forAtLeast = default)
    {
        if (actor.SessionId is not { } id)
        {
            return true;
        }

        var since = Now - Window + forAtLeast;
        return await db.UserSessions.AnyAsync(
            s => s.Id == id && s.EndedAt == null && (s.CreatedAt >= since || s.ConfirmedAt >= since), cancellationToken);
    }

    public async Task<CommandResult> ConfirmWithPasswordAsync(Guid userId, string password, CancellationToken cancellationToken = default)
    {
        // Logged in as someone, the password asked for would be theirs: no guessing it, and no locking them out.
        if (await guard.RefuseAsync("confirm it's this user", null, null, userId, "Password", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await users.FindByIdAsync(userId.ToString()) is not { ArchivedAt: null, Email: { } email } user)
        {
            return CommandResult.NotFound;
        }

        if (await security.IsLockedAsync(email, actor.ClientIp, cancellationToken))
        {
            return CommandResult.Refused(new CommandError("LockedOut", "Too many failed attempts: wait a few minutes, then try again.", "Password"));
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await security.FailAsync(email, actor.ClientIp, cancellationToken);
            return CommandResult.Refused(IdentityErrors.CurrentPasswordWrong with { Field = "Password" });
        }

        return await ConfirmAsync(userId, "With the password", cancellationToken);
    }

    public async Task<CommandResult> ConfirmWithPasskeyAsync(Guid userId, AppUser passkeyUser, CancellationToken cancellationToken = default) =>
        await guard.RefuseAsync("confirm it's this user", null, null, userId, "", cancellationToken)
        ?? (passkeyUser.Id == userId && passkeyUser.ArchivedAt is null
            ? await ConfirmAsync(userId, "With a passkey", cancellationToken)
            : CommandResult.Refused(new CommandError("OtherPasskey", "That passkey is not one of yours. Use one you added to your profile.")));

    private async Task<CommandResult> ConfirmAsync(Guid userId, string how, CancellationToken cancellationToken)
    {
        if (actor.SessionId is not { } id || await db.UserSessions.SingleOrDefaultAsync(s => s.Id == id && s.UserId == userId && s.EndedAt == null, cancellationToken) is not { } session)
        {
            return CommandResult.NotFound;
        }

        session.Confirm(Now);
        audit.Record(AuditActions.SignInConfirmed, targetUserId: userId, actorUserId: userId, details: how);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done;
    }
}
