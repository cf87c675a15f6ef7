using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Core.TwoFactor;

/// <summary>How the second step of a sign-in went: the user when it proved who they are, else why not.</summary>
public sealed record SecondFactorAttempt(AppUser? User, IReadOnlyList<CommandError> Errors, int RecoveryCodesLeft = 0)
{
    public bool Succeeded => User is not null;

    public static SecondFactorAttempt Refused(CommandError error) => new(null, [error]);
}

public interface ITwoFactorSignIn
{
    /// <summary>
    /// The second step after <paramref name="userId"/>'s right password, typed as <paramref name="signInName"/>: a code from
    /// their authenticator app, once. A wrong or reused code counts against the name as a wrong password does, and while
    /// the name is locked even a right code is refused; a right one clears the counts.
    /// </summary>
    Task<SecondFactorAttempt> WithCodeAsync(Guid userId, string signInName, string? clientIp, string code, CancellationToken cancellationToken = default);

    /// <summary>The second step with one of the user's recovery codes instead, each working once; counted like a code.</summary>
    Task<SecondFactorAttempt> WithRecoveryCodeAsync(
        Guid userId, string signInName, string? clientIp, string recoveryCode, CancellationToken cancellationToken = default);
}

public sealed class TwoFactorSignIn(
    UserManager<AppUser> users, AccountAdminDbContext db, ISignInSecurity security, AuditTrail audit, TimeProvider clock) : ITwoFactorSignIn
{
    public Task<SecondFactorAttempt> WithCodeAsync(
        Guid userId, string signInName, string? clientIp, string code, CancellationToken cancellationToken = default) =>
        AttemptAsync(
            userId, signInName, clientIp, TwoFactorRules.Code(code), TwoFactorErrors.CodeShape,
            async (user, typed) => await AuthenticatorCodes.UseAsync(users, db, user, typed, clock.GetUtcNow().UtcDateTime, cancellationToken),
            cancellationToken);

    public async Task<SecondFactorAttempt> WithRecoveryCodeAsync(
        Guid userId, string signInName, string? clientIp, string recoveryCode, CancellationToken cancellationToken = default)
    {
        var attempt = await AttemptAsync(
            userId, signInName, clientIp, TwoFactorRules.RecoveryCode(recoveryCode), TwoFactorErrors.RecoveryCodeShape,
            async (user, typed) => (await users.RedeemTwoFactorRecoveryCodeAsync(user, typed)).Succeeded ? null : TwoFactorErrors.WrongRecoveryCode,
            cancellationToken);
        if (attempt.User is not { } signedIn)
        {
            return attempt;
        }

        var left = await users.CountRecoveryCodesAsync(signedIn);
        audit.Record(AuditActions.RecoveryCodeUsed, targetUserId: signedIn.Id, actorUserId: signedIn.Id, details: $"{English.Count(left, "recovery code")} left");
        await db.SaveChangesAsync(cancellationToken);
        return attempt with { RecoveryCodesLeft = left };
    }

    private async Task<SecondFactorAttempt> AttemptAsync(
        Guid userId, string signInName, string? clientIp, string? typed, CommandError shape, Func<AppUser, string, Task<CommandError?>> check,
        CancellationToken cancellationToken)
    {
        if (typed is null)
        {
            return SecondFactorAttempt.Refused(shape);
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is not { ArchivedAt: null, TwoFactorEnabled: true })
        {
            return SecondFactorAttempt.Refused(TwoFactorErrors.SignInExpired);
        }

        if (await security.IsLockedAsync(signInName, clientIp, cancellationToken))
        {
            return SecondFactorAttempt.Refused(TwoFactorErrors.LockedOut(shape.Field));
        }

        if (await check(user, typed) is { } wrong)
        {
            var locked = await security.FailAsync(signInName, clientIp, cancellationToken);
            audit.Record(locked ? AuditActions.LockedOut : AuditActions.SignInFailed, targetUserId: user.Id, details: $"Second step: {Describe(wrong)}");
            await db.SaveChangesAsync(cancellationToken);
            return SecondFactorAttempt.Refused(locked ? TwoFactorErrors.LockedOut(shape.Field) : wrong);
        }

        await security.ClearAsync(user, cancellationToken);
        return new SecondFactorAttempt(user, []);
    }

    private static string Describe(CommandError error) =>
        error == TwoFactorErrors.ReusedCode ? "an authenticator code used again"
        : error == TwoFactorErrors.WrongRecoveryCode ? "a wrong or used recovery code"
        : "a wrong or expired authenticator code";
}
