using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Sessions;

/// <summary>One of the user's signed-in browsers, as their profile lists it.</summary>
public sealed record SessionView(Guid Id, DateTime StartedAt, string? ClientIp, string? UserAgent, bool IsCurrent, DateTime? LastSeenAt = null)
{
    /// <summary>When the browser was last seen: its last request, or its sign-in if none since.</summary>
    public DateTime SeenAt => LastSeenAt ?? StartedAt;
}

/// <summary>What an administrator sees of how a user signs in.</summary>
public sealed record SignInSummary(bool TwoFactorEnabled, int LiveSessions);

public interface ISessionManagement
{
    /// <summary>The user's sessions that have not ended, newest first, at most <paramref name="take"/>; this browser's marked.</summary>
    Task<IReadOnlyList<SessionView>> LiveAsync(Guid userId, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends one of the signed-in user's other sessions: its next request is refused. NotFound when
    /// <paramref name="sessionId"/> is no live session of theirs; refused for this browser's own (that is signing out) and
    /// while logged in as someone else.
    /// </summary>
    Task<CommandResult> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of the signed-in user but this browser's.</summary>
    Task<CommandResult> EndOthersAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Whether the user has a second factor, and how many of their sessions have not ended.</summary>
    Task<SignInSummary> SummaryAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// An administrator ends every session of the user, on every browser, at its next request: Manage Users in the account,
    /// in the user's home account (or its agency) and wherever else the user works, and not outranked.
    /// </summary>
    Task<CommandResult> SignOutEverywhereAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);
}

public sealed class SessionManagement(
    AccountAdminDbContext db, ISessionService sessions, IAccessService access, AuditTrail audit, ImpersonationGuard guard, IActorContext actor,
    TimeProvider clock) : ISessionManagement
{
    public async Task<IReadOnlyList<SessionView>> LiveAsync(Guid userId, int take, CancellationToken cancellationToken = default)
    {
        var current = actor.SessionId;
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null)
            .OrderByDescending(s => s.CreatedAt)
            .Take(take)
            .Select(s => new SessionView(s.Id, s.CreatedAt, s.ClientIp, s.UserAgent, s.Id == current, s.LastSeenAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<CommandResult> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        if (await guard.RefuseAsync("end this user's sessions", null, null, userId, "", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (sessionId == actor.SessionId)
        {
            return CommandResult.Refused(SessionErrors.ThisSession);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await db.AtomicallyAsync(
            async () =>
            {
                var session = db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null);
                var started = await session.Select(s => new { s.CreatedAt, s.ClientIp }).SingleOrDefaultAsync(cancellationToken);
                if (started is null || await session.ExecuteUpdateAsync(
                        u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, SessionEnd.EndedFromAnotherBrowser), cancellationToken) == 0)
                {
                    return CommandResult.NotFound;
                }

                audit.Record(
                    AuditActions.SessionEnded, targetUserId: userId, actorUserId: userId,
                    details: $"Ended from another browser: the session started {started.CreatedAt:d MMM yyyy, HH:mm} UTC"
                        + (started.ClientIp is { } ip ? $" from {ip}" : ""));
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            },
            cancellationToken);
    }

    public async Task<CommandResult> EndOthersAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (await guard.RefuseAsync("end this user's sessions", null, null, userId, "", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (actor.SessionId is not { } current)
        {
            return CommandResult.Refused(SessionErrors.ThisSession);
        }

        return await db.AtomicallyAsync(
            async () =>
            {
                var ended = await sessions.EndAllAsync(userId, current, SessionEnd.EndedFromAnotherBrowser, cancellationToken);
                audit.Record(
                    AuditActions.SessionEnded, targetUserId: userId, actorUserId: userId,
                    details: $"Every other browser signed out ({English.Count(ended, "session")})");
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            },
            cancellationToken);
    }

    public async Task<SignInSummary> SummaryAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new SignInSummary(u.TwoFactorEnabled || u.PasskeyCount > 0, db.UserSessions.Count(s => s.UserId == u.Id && s.EndedAt == null)))
            .SingleOrDefaultAsync(cancellationToken)
        ?? new SignInSummary(false, 0);

    public Task<CommandResult> SignOutEverywhereAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default) =>
        db.AtomicallyAsync(
            async () =>
            {
                if (await access.RefuseSignInChangeAsync(db, actorId, accountId, userId, cancellationToken) is { } refusal)
                {
                    return refusal;
                }

                var agencyId = (await access.GetAsync(actorId, accountId, cancellationToken))!.Account.AgencyId;
                var ended = await sessions.EndAllAsync(userId, null, SessionEnd.EndedByAdministrator, cancellationToken);
                audit.Record(
                    AuditActions.SessionEnded, agencyId, accountId, userId,
                    $"Signed out everywhere by an administrator ({English.Count(ended, "session")})", actorId);
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            },
            cancellationToken);
}
