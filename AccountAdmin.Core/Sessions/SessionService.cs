using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Sessions;

public interface ISessionService
{
    /// <summary>The user a sign-in name (e-mail or username) belongs to, or null.</summary>
    Task<AppUser?> FindBySignInNameAsync(string signInName, CancellationToken cancellationToken = default);

    /// <summary>Records a successful sign-in: last sign-in time (and the list keys that copy it) and an audit event.</summary>
    Task RecordSignInAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Records a refused sign-in; <paramref name="lockedOut"/> when it locked the user out.</summary>
    Task RecordFailedSignInAsync(Guid? userId, string signInName, bool lockedOut, CancellationToken cancellationToken = default);

    Task RecordSignOutAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a session issued with <paramref name="securityStamp"/> is still good: the user exists, is not
    /// archived, and has not had its stamp rotated since. One indexed lookup, made on every request.
    /// </summary>
    Task<bool> IsCurrentAsync(Guid userId, string? securityStamp, CancellationToken cancellationToken = default);
}

public sealed class SessionService(AccountAdminDbContext db, ILookupNormalizer normalizer, AuditTrail audit, TimeProvider clock)
    : ISessionService
{
    private static readonly CompiledPerModel<Func<AccountAdminDbContext, Guid, string, Task<bool>>> IsCurrent = new(() => EF.CompileAsyncQuery(
        (AccountAdminDbContext db, Guid userId, string stamp) =>
            db.Users.Any(u => u.Id == userId && u.SecurityStamp == stamp && u.ArchivedAt == null)));

    public async Task<AppUser?> FindBySignInNameAsync(string signInName, CancellationToken cancellationToken = default)
    {
        var normalized = normalizer.NormalizeName(signInName.Trim());
        var normalizedEmail = normalizer.NormalizeEmail(signInName.Trim());
        return await db.Users
            .Where(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalizedEmail)
            .OrderBy(u => u.NormalizedUserName == normalized ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task RecordSignInAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.RecordSignIn(clock.GetUtcNow().UtcDateTime);
        var memberships = await db.Memberships.Where(m => m.UserId == userId).ToListAsync(cancellationToken);
        foreach (var membership in memberships)
        {
            membership.RefreshKeys(user);
        }

        audit.Record(AuditActions.SignedIn, targetUserId: userId, actorUserId: userId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RecordFailedSignInAsync(Guid? userId, string signInName, bool lockedOut, CancellationToken cancellationToken = default)
    {
        var name = signInName.Length > 200 ? signInName[..200] : signInName;
        audit.Record(lockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, targetUserId: userId, details: $"Signed in as \"{name}\"");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RecordSignOutAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        audit.Record(AuditActions.SignedOut, targetUserId: userId, actorUserId: userId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> IsCurrentAsync(Guid userId, string? securityStamp, CancellationToken cancellationToken = default)
    {
        if (securityStamp is null)
        {
            return false;
        }

        return await IsCurrent.For(db)(db, userId, securityStamp);
    }
}
