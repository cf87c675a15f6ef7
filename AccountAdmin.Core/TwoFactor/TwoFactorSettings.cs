using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Core.TwoFactor;

/// <summary>
/// Whether the user has an authenticator app (<paramref name="Enabled"/>) and its recovery codes left, and how many
/// passkeys, which are a second factor too.
/// </summary>
public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, int Passkeys)
{
    public bool HasSecondFactor => Enabled || Passkeys > 0;
}

/// <summary>The key an authenticator app is set up with: as stored, and as the address its QR code carries.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri);

/// <summary>A change that made new recovery codes: they are shown once, and only their use is stored.</summary>
public sealed record RecoveryCodes(CommandResult Result, IReadOnlyList<string> Codes)
{
    public static RecoveryCodes Refused(CommandResult result) => new(result, []);
}

public interface ITwoFactorSettings
{
    Task<TwoFactorStatus> StatusAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The key to set up an authenticator app with, made on first asking and kept until a code from the app turns two-factor
    /// sign-in on; null when it is on already, and while logged in as someone else (their key is theirs alone).
    /// </summary>
    Task<AuthenticatorSetup?> SetupAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns two-factor sign-in on once a first code from the app proves it is set up, and makes ten recovery codes. Every
    /// other session of the user ends, as do browsers remembered before.
    /// </summary>
    Task<RecoveryCodes> EnableAsync(Guid userId, string code, CancellationToken cancellationToken = default);

    /// <summary>Replaces the recovery codes with ten new ones, after the current password.</summary>
    Task<RecoveryCodes> NewRecoveryCodesAsync(Guid userId, string currentPassword, CancellationToken cancellationToken = default);

    /// <summary>Turns two-factor sign-in off, after the current password; every other session of the user ends.</summary>
    Task<CommandResult> DisableAsync(Guid userId, string currentPassword, CancellationToken cancellationToken = default);
}

/// <summary>A user's own second factor, set up and changed from their profile; none of it while logged in as someone else.</summary>
public sealed class TwoFactorSettings(
    UserManager<AppUser> users, IUserStore<AppUser> store, AccountAdminDbContext db, ISessionService sessions, AuditTrail audit,
    ImpersonationGuard guard, IActorContext actor, TimeProvider clock, IRecentSignIn recent, SignInChangeNotices notices) : ITwoFactorSettings
{
    public async Task<TwoFactorStatus> StatusAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is { TwoFactorEnabled: true }
            ? new TwoFactorStatus(true, await users.CountRecoveryCodesAsync(user), user.PasskeyCount)
            : new TwoFactorStatus(false, 0, user?.PasskeyCount ?? 0);
    }

    public async Task<AuthenticatorSetup?> SetupAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (guard.Impersonating || user is not { ArchivedAt: null, TwoFactorEnabled: false })
        {
            return null;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Through the store, not ResetAuthenticatorKeyAsync: showing a key is no reason to rotate the security stamp,
            // which would end this very session.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, cancellationToken);
            await users.UpdateAsync(user);
        }

        return new AuthenticatorSetup(key, TwoFactorRules.AuthenticatorUri(user.Email!, key));
    }

    public async Task<RecoveryCodes> EnableAsync(Guid userId, string code, CancellationToken cancellationToken = default)
    {
        if (await guard.RefuseAsync("turn on two-factor sign-in for this user", null, null, userId, "Code", cancellationToken) is { } refused)
        {
            return RecoveryCodes.Refused(refused);
        }

        if (!await recent.IsRecentAsync(cancellationToken))
        {
            return RecoveryCodes.Refused(CommandResult.Refused(SessionErrors.ConfirmFirst));
        }

        if (TwoFactorRules.Code(code) is not { } typed)
        {
            return RecoveryCodes.Refused(CommandResult.Refused(TwoFactorErrors.CodeShape));
        }

        return await db.AtomicallyAsync(
            async () =>
            {
                var user = await users.FindByIdAsync(userId.ToString());
                if (user is not { ArchivedAt: null })
                {
                    return RecoveryCodes.Refused(CommandResult.NotFound);
                }

                if (user.TwoFactorEnabled)
                {
                    return RecoveryCodes.Refused(CommandResult.Refused(TwoFactorErrors.AlreadyOn));
                }

                if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
                {
                    return RecoveryCodes.Refused(CommandResult.Refused(TwoFactorErrors.NoKey));
                }

                if (await AuthenticatorCodes.UseAsync(users, db, user, typed, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } wrong)
                {
                    return RecoveryCodes.Refused(CommandResult.Refused(wrong));
                }

                if (!(await users.SetTwoFactorEnabledAsync(user, true)).Succeeded
                    || await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorRules.RecoveryCodeCount) is not { } codes)
                {
                    return RecoveryCodes.Refused(CommandResult.Refused(TwoFactorErrors.ChangedMeanwhile));
                }

                var list = codes.ToList();
                audit.Record(AuditActions.TwoFactorEnabled, targetUserId: userId, actorUserId: userId, details: "With an authenticator app; 10 recovery codes made");
                notices.Tell(user, "Two-factor sign-in with an authenticator app was turned on for your account, and every other browser signed in as you was signed out.");
                await db.SaveChangesAsync(cancellationToken);
                await sessions.EndAllAsync(userId, actor.SessionId, SessionEnd.SecondFactorChanged, cancellationToken);
                return new RecoveryCodes(CommandResult.Done, list);
            },
            r => r.Result.Succeeded,
            cancellationToken);
    }

    public async Task<RecoveryCodes> NewRecoveryCodesAsync(Guid userId, string currentPassword, CancellationToken cancellationToken = default)
    {
        if (await guard.RefuseAsync("make new recovery codes for this user", null, null, userId, "CurrentPassword", cancellationToken) is { } refused)
        {
            return RecoveryCodes.Refused(refused);
        }

        return await db.AtomicallyAsync(
            async () =>
            {
                var user = await users.FindByIdAsync(userId.ToString());
                if (user is not { ArchivedAt: null })
                {
                    return RecoveryCodes.Refused(CommandResult.NotFound);
                }

                if (!user.TwoFactorEnabled)
                {
                    return RecoveryCodes.Refused(CommandResult.Refused(TwoFactorErrors.NotOn));
                }

                if (!await users.CheckPasswordAsync(user, currentPassword))
                {
                    return RecoveryCodes.Refused(CommandResult.Refused(IdentityErrors.CurrentPasswordWrong));
                }

                if (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorRules.RecoveryCodeCount) is not { } codes)
                {
                    return RecoveryCodes.Refused(CommandResult.Refused(TwoFactorErrors.ChangedMeanwhile));
                }

                var list = codes.ToList();
                audit.Record(AuditActions.RecoveryCodesGenerated, targetUserId: userId, actorUserId: userId, details: "The old ones no longer work");
                notices.Tell(user, "New recovery codes were made for your two-factor sign-in; the old ones no longer work.");
                await db.SaveChangesAsync(cancellationToken);
                return new RecoveryCodes(CommandResult.Done, list);
            },
            r => r.Result.Succeeded,
            cancellationToken);
    }

    public async Task<CommandResult> DisableAsync(Guid userId, string currentPassword, CancellationToken cancellationToken = default) =>
        await guard.RefuseAsync("turn off two-factor sign-in for this user", null, null, userId, "CurrentPassword", cancellationToken)
        ?? await db.AtomicallyAsync(
            async () =>
            {
                var user = await users.FindByIdAsync(userId.ToString());
                if (user is not { ArchivedAt: null })
                {
                    return CommandResult.NotFound;
                }

                if (!user.TwoFactorEnabled)
                {
                    return CommandResult.Refused(TwoFactorErrors.NotOn);
                }

                if (!await users.CheckPasswordAsync(user, currentPassword))
                {
                    return CommandResult.Refused(IdentityErrors.CurrentPasswordWrong);
                }

                if (!await SecondFactors.TurnOffAsync(users, store, user, cancellationToken))
                {
                    return CommandResult.Refused(TwoFactorErrors.ChangedMeanwhile);
                }

                audit.Record(AuditActions.TwoFactorDisabled, targetUserId: userId, actorUserId: userId, details: "By the user, with their password");
                notices.Tell(user, "Two-factor sign-in was turned off for your account: your password alone signs you in now, and every other browser signed in as you was signed out.");
                await db.SaveChangesAsync(cancellationToken);
                await sessions.EndAllAsync(userId, actor.SessionId, SessionEnd.SecondFactorChanged, cancellationToken);
                return CommandResult.Done;
            },
            cancellationToken);
}
