using System.Collections.Concurrent;
using System.Data.Common;
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

    /// <summary>
    /// Records a successful sign-in: last sign-in time (and the list keys that copy it) and an audit event naming
    /// <paramref name="method"/>, what proved who it was.
    /// </summary>
    Task RecordSignInAsync(Guid userId, SignInMethod method, CancellationToken cancellationToken = default);

    /// <summary>Records a refused sign-in; <paramref name="lockedOut"/> when it locked the user out.</summary>
    Task RecordFailedSignInAsync(Guid? userId, string signInName, bool lockedOut, CancellationToken cancellationToken = default);

    /// <summary>Records a sign-out, and ends the session <paramref name="sessionId"/> on the server: its cookie no longer works anywhere.</summary>
    Task RecordSignOutAsync(Guid userId, Guid? sessionId, CancellationToken cancellationToken = default);

    /// <summary>Starts a server-side session for a browser that just signed in; its id goes into the cookie.</summary>
    Task<Guid> StartAsync(Guid userId, string? clientIp, string? userAgent, CancellationToken cancellationToken = default);

    /// <summary>Ends every live session of the user but <paramref name="except"/>; how many ended.</summary>
    Task<int> EndAllAsync(Guid userId, Guid? except, SessionEnd reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a session issued with <paramref name="securityStamp"/> is still good: the user exists, is not
    /// archived, has not had its stamp rotated since, and the session <paramref name="sessionId"/> has not ended. One
    /// query, made on every request.
    /// </summary>
    Task<bool> IsCurrentAsync(Guid userId, string? securityStamp, Guid? sessionId, CancellationToken cancellationToken = default);
}

public sealed class SessionService(AccountAdminDbContext db, ILookupNormalizer normalizer, AuditTrail audit, TimeProvider clock, SessionActivity activity)
    : ISessionService
{
    private static readonly CompiledPerModel<Func<AccountAdminDbContext, Guid, string, Guid, Task<bool>>> IsCurrent = new(() => EF.CompileAsyncQuery(
        (AccountAdminDbContext db, Guid userId, string stamp, Guid sessionId) =>
            db.Users.Any(u => u.Id == userId && u.SecurityStamp == stamp && u.ArchivedAt == null
                && db.UserSessions.Any(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null))));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<AppUser?> FindBySignInNameAsync(string signInName, CancellationToken cancellationToken = default)
    {
        var normalized = normalizer.NormalizeName(signInName.Trim());
        var normalizedEmail = normalizer.NormalizeEmail(signInName.Trim());
        return await db.Users
            .Where(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalizedEmail)
            .OrderBy(u => u.NormalizedUserName == normalized ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task RecordSignInAsync(Guid userId, SignInMethod method, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.RecordSignIn(clock.GetUtcNow().UtcDateTime);
        var memberships = await db.Memberships.Where(m => m.UserId == userId).ToListAsync(cancellationToken);
        foreach (var membership in memberships)
        {
            membership.RefreshKeys(user);
        }

        audit.Record(AuditActions.SignedIn, targetUserId: userId, details: SignInMethods.Describe(method), actorUserId: userId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RecordFailedSignInAsync(Guid? userId, string signInName, bool lockedOut, CancellationToken cancellationToken = default)
    {
        var name = signInName.Length > 200 ? signInName[..200] : signInName;
        audit.Record(lockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, targetUserId: userId, details: $"Signed in as \"{name}\"");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RecordSignOutAsync(Guid userId, Guid? sessionId, CancellationToken cancellationToken = default)
    {
        await db.AtomicallyAsync(
            async () =>
            {
                await End(db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId), SessionEnd.SignedOut, cancellationToken);
                audit.Record(AuditActions.SignedOut, targetUserId: userId, actorUserId: userId);
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            },
            cancellationToken);
    }

    public async Task<Guid> StartAsync(Guid userId, string? clientIp, string? userAgent, CancellationToken cancellationToken = default)
    {
        var session = new UserSession(userId, Now, clientIp, userAgent);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    public Task<int> EndAllAsync(Guid userId, Guid? except, SessionEnd reason, CancellationToken cancellationToken = default) =>
        End(except is { } kept ? db.UserSessions.Where(s => s.UserId == userId && s.Id != kept) : db.UserSessions.Where(s => s.UserId == userId), reason, cancellationToken);

    private Task<int> End(IQueryable<UserSession> sessions, SessionEnd reason, CancellationToken cancellationToken)
    {
        var now = Now;
        return sessions.Where(s => s.EndedAt == null).ExecuteUpdateAsync(
            u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    public async Task<bool> IsCurrentAsync(Guid userId, string? securityStamp, Guid? sessionId, CancellationToken cancellationToken = default)
    {
        if (securityStamp is null || sessionId is not { } id)
        {
            return false;
        }

        if (!await IsCurrent.For(db)(db, userId, securityStamp, id))
        {
            return false;
        }

        if (activity.IsDue(id, Now))
        {
            try
            {
                var now = Now;
                await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
            }
            catch (DbException)
            {
                // "Last seen" is a courtesy: a busy database doesn't fail the request for it; the next minute tries again.
            }
        }

        return true;
    }
}

/// <summary>
/// When this instance last wrote each session's "last seen": at most once a minute a session, so a busy browser costs one
/// small write a minute, not one a request. Another instance keeps its own; the most recent write wins.
/// </summary>
public sealed class SessionActivity
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, DateTime> written = new();

    public bool IsDue(Guid sessionId, DateTime now)
    {
        var due = false;
        written.AddOrUpdate(sessionId, _ => { due = true; return now; }, (_, last) =>
        {
            due = now - last >= Interval;
            return due ? now : last;
        });
        if (written.Count > 100_000)
        {
            foreach (var stale in written.Where(e => now - e.Value > Interval).Select(e => e.Key).ToList())
            {
                written.TryRemove(stale, out _);
            }
        }

        return due;
    }
}
