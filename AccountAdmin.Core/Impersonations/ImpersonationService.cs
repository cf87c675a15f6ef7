using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Impersonations;

public sealed class ImpersonationOptions
{
    public const string Section = "Impersonation";

    /// <summary>How long an impersonation lasts before it ends by itself.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Impersonation:TimeLimit must be between 1 minute and 1 day.")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>The confirmation page: who, in which account, what they can do there, whether a reason is needed.</summary>
public sealed record ImpersonationPreview(
    Guid UserId, string Name, string Email, Guid? AccountId, string? AccountName, IReadOnlyList<Permission> Permissions,
    bool BySupport, TimeSpan TimeLimit, IReadOnlyList<string> Memberships);

/// <summary>A started impersonation, with what the session's claims need.</summary>
public sealed record ImpersonationSession(
    Guid Id, Guid UserId, Guid ImpersonatorUserId, string ImpersonatorName, string ImpersonatorStamp, Guid? AccountId, DateTime ExpiresAt);

/// <summary>One time a user was impersonated, as their profile shows it.</summary>
public sealed record ImpersonationRecord(
    DateTime StartedAt, DateTime ExpiresAt, DateTime? EndedAt, ImpersonationEnd? EndReason, string ImpersonatorName, bool BySupport, string? Reason,
    string? AccountName)
{
    /// <summary>When it ended, or would have by its time limit, had no request noticed; null while it runs.</summary>
    public (DateTime At, ImpersonationEnd Why)? Ended(DateTime now) =>
        EndedAt is { } at ? (at, EndReason ?? ImpersonationEnd.Returned) : now >= ExpiresAt ? (ExpiresAt, ImpersonationEnd.TimedOut) : null;
}

public interface IImpersonationService
{
    /// <summary>What logging in as <paramref name="userId"/> would show, or why it is refused (nothing is recorded).</summary>
    Task<(CommandResult Result, ImpersonationPreview? Preview)> PreviewAsync(
        Guid actorId, Guid? accountId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Starts an impersonation, or refuses it; either way an audit event says so.</summary>
    Task<(CommandResult Result, ImpersonationSession? Session)> StartAsync(
        Guid actorId, Guid? accountId, Guid userId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Why the impersonation should end now, or null while it may go on; <paramref name="userStamp"/> and
    /// <paramref name="impersonatorStamp"/> are the security stamps the session was issued with. One query, made on
    /// every request of an impersonated session in place of the usual stamp check.
    /// </summary>
    Task<ImpersonationEnd?> CheckAsync(
        Guid impersonationId, string? userStamp, string? impersonatorStamp, Guid? sessionId, CancellationToken cancellationToken = default);

    /// <summary>Ends the impersonation (once) with an audit event; the impersonator's id, or null when there is none.</summary>
    Task<Guid?> EndAsync(Guid impersonationId, ImpersonationEnd reason, CancellationToken cancellationToken = default);

    /// <summary>When <paramref name="userId"/> was impersonated, by whom and why, newest first.</summary>
    Task<IReadOnlyList<ImpersonationRecord>> OfUserAsync(Guid userId, int take, CancellationToken cancellationToken = default);
}

public sealed class ImpersonationService(
    AccountAdminDbContext db, IAccessService access, AuditTrail audit, IActorContext actor, ImpersonationOptions options, TimeProvider clock)
    : IImpersonationService
{
    private sealed record CheckRow(
        DateTime? EndedAt, ImpersonationEnd? EndReason, DateTime ExpiresAt, bool BySupport, Guid? AccountId,
        string? ImpersonatorStamp, bool ImpersonatorIsSupport, string? UserStamp, string? DivisionName,
        AccountRole? UserRole, MembershipStatus? UserStatus, bool UserAgencyAdministrator, bool UserAgencyBillingManager,
        bool UserMarketingManager, bool UserDivisionAdministrator, bool UserDivisionMember,
        AccountRole? ActorRole, MembershipStatus? ActorStatus, bool ActorAgencyAdministrator, bool ActorAgencyBillingManager,
        bool ActorMarketingManager, bool ActorDivisionAdministrator, bool ActorDivisionMember, bool SessionLive);

    // Every request of an impersonated session asks this: one row of scalar subqueries, each an index lookup, with both
    // people's grants in the account, so that losing them ends the impersonation at once.
    private static readonly CompiledPerModel<Func<AccountAdminDbContext, Guid, Guid, Task<CheckRow?>>> Check = new(() => EF.CompileAsyncQuery(
        (AccountAdminDbContext db, Guid id, Guid sessionId) => db.Impersonations
            .Where(i => i.Id == id)
            .Select(i => new CheckRow(
                i.EndedAt,
                i.EndReason,
                i.ExpiresAt,
                i.BySupport,
                i.AccountId,
                db.Users.Where(u => u.Id == i.ImpersonatorUserId && u.ArchivedAt == null).Select(u => u.SecurityStamp).FirstOrDefault(),
                db.Users.Any(u => u.Id == i.ImpersonatorUserId && u.IsSupportStaff),
                db.Users.Where(u => u.Id == i.UserId && u.ArchivedAt == null).Select(u => u.SecurityStamp).FirstOrDefault(),
                db.Accounts.Where(a => a.Id == i.AccountId && a.Division != null).Select(a => a.Division!.Name).FirstOrDefault(),
                db.Memberships.Where(m => m.UserId == i.UserId && m.AccountId == i.AccountId && m.EndedAt == null).Select(m => (AccountRole?)m.Role).FirstOrDefault(),
                db.Memberships.Where(m => m.UserId == i.UserId && m.AccountId == i.AccountId && m.EndedAt == null).Select(m => (MembershipStatus?)m.Status).FirstOrDefault(),
                db.AgencyRoleGrants.Any(g => g.UserId == i.UserId && g.AgencyId == i.AgencyId && g.Role == AgencyRole.AgencyAdministrator),
                db.AgencyRoleGrants.Any(g => g.UserId == i.UserId && g.AgencyId == i.AgencyId && g.Role == AgencyRole.AgencyBillingManager),
                db.AgencyRoleGrants.Any(g => g.UserId == i.UserId && g.AgencyId == i.AgencyId && g.Role == AgencyRole.MarketingManager),
                db.DivisionAdministrators.Any(d => d.UserId == i.UserId && db.Accounts.Any(a => a.Id == i.AccountId && a.DivisionId == d.DivisionId)),
                db.DivisionMembers.Any(d => d.UserId == i.UserId && db.Accounts.Any(a => a.Id == i.AccountId && a.DivisionId == d.DivisionId)),
                db.Memberships.Where(m => m.UserId == i.ImpersonatorUserId && m.AccountId == i.AccountId && m.EndedAt == null).Select(m => (AccountRole?)m.Role).FirstOrDefault(),
                db.Memberships.Where(m => m.UserId == i.ImpersonatorUserId && m.AccountId == i.AccountId && m.EndedAt == null).Select(m => (MembershipStatus?)m.Status).FirstOrDefault(),
                db.AgencyRoleGrants.Any(g => g.UserId == i.ImpersonatorUserId && g.AgencyId == i.AgencyId && g.Role == AgencyRole.AgencyAdministrator),
                db.AgencyRoleGrants.Any(g => g.UserId == i.ImpersonatorUserId && g.AgencyId == i.AgencyId && g.Role == AgencyRole.AgencyBillingManager),
                db.AgencyRoleGrants.Any(g => g.UserId == i.ImpersonatorUserId && g.AgencyId == i.AgencyId && g.Role == AgencyRole.MarketingManager),
                db.DivisionAdministrators.Any(d => d.UserId == i.ImpersonatorUserId && db.Accounts.Any(a => a.Id == i.AccountId && a.DivisionId == d.DivisionId)),
                db.DivisionMembers.Any(d => d.UserId == i.ImpersonatorUserId && db.Accounts.Any(a => a.Id == i.AccountId && a.DivisionId == d.DivisionId)),
                db.UserSessions.Any(s => s.Id == sessionId && s.UserId == i.ImpersonatorUserId && s.EndedAt == null)))
            .FirstOrDefault()));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(CommandResult Result, ImpersonationPreview? Preview)> PreviewAsync(
        Guid actorId, Guid? accountId, Guid userId, CancellationToken cancellationToken = default)
    {
        var (refusal, target, scope) = await DecideAsync(actorId, accountId, userId, cancellationToken);
        if (refusal is not null)
        {
            return (CommandResult.Refused(refusal), null);
        }

        // Unconfined (support staff): the accounts the user is in, with their role in each.
        var memberships = scope is not null ? [] : (await db.Memberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.EndedAt == null)
                .Select(m => new { m.Account.Name, m.Role, m.Status })
                .ToListAsync(cancellationToken))
            .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .Select(m => $"{m.Name}: {m.Role.Display()}{(m.Status == MembershipStatus.Suspended ? " (suspended)" : "")}")
            .ToList();
        return (CommandResult.Done, new ImpersonationPreview(
            target!.Id, target.DisplayName, target.Email!, scope?.Account.AccountId, scope?.Account.AccountName,
            scope?.TargetAccess?.Permissions.ToList() ?? [], target.BySupport, options.TimeLimit, memberships));
    }

    public async Task<(CommandResult Result, ImpersonationSession? Session)> StartAsync(
        Guid actorId, Guid? accountId, Guid userId, string? reason, CancellationToken cancellationToken = default)
    {
        var (refusal, target, scope) = await DecideAsync(actorId, accountId, userId, cancellationToken);
        refusal ??= ImpersonationRules.ReasonProblem(reason, target!.BySupport);
        if (refusal is not null)
        {
            // The refusal is recorded against what exists: a forged user or account id is kept in the details only.
            var unknown = target is null || (accountId is not null && scope is null) ? $" (user {userId}{(accountId is { } a ? $", account {a}" : "")})" : "";
            audit.Record(AuditActions.ImpersonationRefused, scope?.Account.AgencyId, scope?.Account.AccountId,
                target?.Id, details: refusal.Message + unknown, actorUserId: actorId);
            await db.SaveChangesAsync(cancellationToken);
            return (CommandResult.Refused(refusal), null);
        }

        var now = Now;
        var impersonation = new Impersonation(
            actorId, userId, scope?.Account.AgencyId, scope?.Account.AccountId, target!.BySupport,
            string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), now, now + options.TimeLimit);
        db.Impersonations.Add(impersonation);
        audit.Record(AuditActions.ImpersonationStarted, scope?.Account.AgencyId, scope?.Account.AccountId, userId,
            details: impersonation.Reason is { } why ? $"Logged in as {target.DisplayName}: {why}" : $"Logged in as {target.DisplayName}",
            actorUserId: actorId);
        await db.SaveChangesAsync(cancellationToken);
        return (CommandResult.Done, new ImpersonationSession(
            impersonation.Id, userId, actorId, target.ActorName, target.ActorStamp, impersonation.AccountId, impersonation.ExpiresAt));
    }

    /// <summary>The user to log in as, with what the session needs of the one logging in.</summary>
    private sealed record Target(Guid Id, string DisplayName, string? Email, bool BySupport, string ActorName, string ActorStamp);

    private sealed record Scope(AccountScope Account, AccountAccess? TargetAccess);

    private async Task<(CommandError? Refusal, Target? Target, Scope? Scope)> DecideAsync(
        Guid actorId, Guid? accountId, Guid userId, CancellationToken cancellationToken)
    {
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == actorId || u.Id == userId)
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, u.IsSupportStaff, Archived = u.ArchivedAt != null, u.SecurityStamp })
            .ToListAsync(cancellationToken);
        var me = people.Single(p => p.Id == actorId);
        var them = people.FirstOrDefault(p => p.Id == userId);
        var actorAccess = accountId is { } id ? await access.GetAsync(actorId, id, cancellationToken) : null;
        var targetAccess = accountId is { } account && them is not null ? await access.GetAsync(userId, account, cancellationToken) : null;
        var facts = new ImpersonationFacts(
            actorId, me.IsSupportStaff, actor.ImpersonatorUserId is not null, actorAccess?.Access,
            userId, them is null ? null : $"{them.FirstName} {them.LastName}", them?.IsSupportStaff == true, them?.Archived == true,
            targetAccess?.Access);
        var target = them is null ? null
            : new Target(them.Id, $"{them.FirstName} {them.LastName}", them.Email, me.IsSupportStaff, $"{me.FirstName} {me.LastName}", me.SecurityStamp ?? "");
        var scope = actorAccess is null ? null : new Scope(actorAccess.Account, targetAccess?.Access);
        return (ImpersonationRules.Refusal(facts), target, scope);
    }

    public async Task<ImpersonationEnd?> CheckAsync(
        Guid impersonationId, string? userStamp, string? impersonatorStamp, Guid? sessionId, CancellationToken cancellationToken = default)
    {
        var row = await Check.For(db)(db, impersonationId, sessionId ?? Guid.Empty);
        if (row is null || !row.SessionLive)
        {
            return ImpersonationEnd.ImpersonatorSignedOut;
        }

        var confined = row.AccountId is not null;
        var state = new ImpersonationState(
            row.EndedAt, row.EndReason, row.ExpiresAt, row.BySupport,
            ImpersonatorCurrent: row.ImpersonatorStamp is not null && row.ImpersonatorStamp == impersonatorStamp,
            row.ImpersonatorIsSupport,
            UserCurrent: row.UserStamp is not null && row.UserStamp == userStamp,
            confined ? Evaluate(row.ActorRole, row.ActorStatus, row.ActorAgencyAdministrator, row.ActorAgencyBillingManager, row.ActorMarketingManager,
                row.DivisionName, row.ActorDivisionAdministrator, row.ActorDivisionMember) : null,
            confined ? Evaluate(row.UserRole, row.UserStatus, row.UserAgencyAdministrator, row.UserAgencyBillingManager, row.UserMarketingManager,
                row.DivisionName, row.UserDivisionAdministrator, row.UserDivisionMember) : null);
        return ImpersonationRules.Ending(state, Now);
    }

    private static AccountAccess Evaluate(
        AccountRole? role, MembershipStatus? status, bool agencyAdministrator, bool agencyBillingManager, bool marketingManager,
        string? division, bool divisionAdministrator, bool divisionMember)
    {
        var agencyRoles = new List<AgencyRole>();
        if (agencyAdministrator)
        {
            agencyRoles.Add(AgencyRole.AgencyAdministrator);
        }

        if (agencyBillingManager)
        {
            agencyRoles.Add(AgencyRole.AgencyBillingManager);
        }

        if (marketingManager)
        {
            agencyRoles.Add(AgencyRole.MarketingManager);
        }

        return PermissionRules.Evaluate(new AccessFacts(false, role, status, agencyRoles, division, divisionAdministrator, divisionMember));
    }

    public async Task<Guid?> EndAsync(Guid impersonationId, ImpersonationEnd reason, CancellationToken cancellationToken = default)
    {
        var impersonation = await db.Impersonations.SingleOrDefaultAsync(i => i.Id == impersonationId, cancellationToken);
        if (impersonation is null)
        {
            return null;
        }

        if (impersonation.End(reason, Now))
        {
            audit.Record(AuditActions.ImpersonationEnded, impersonation.AgencyId, impersonation.AccountId, impersonation.UserId,
                details: $"Ended: {reason.Describe()}", actorUserId: impersonation.ImpersonatorUserId);
            await db.SaveChangesAsync(cancellationToken);
        }

        return impersonation.ImpersonatorUserId;
    }

    public async Task<IReadOnlyList<ImpersonationRecord>> OfUserAsync(Guid userId, int take, CancellationToken cancellationToken = default) =>
        await db.Impersonations.AsNoTracking()
            .Where(i => i.UserId == userId)
            .OrderByDescending(i => i.StartedAt)
            .Take(take)
            .Select(i => new ImpersonationRecord(
                i.StartedAt, i.ExpiresAt, i.EndedAt, i.EndReason,
                db.Users.Where(u => u.Id == i.ImpersonatorUserId).Select(u => u.FirstName + " " + u.LastName).First(),
                i.BySupport, i.Reason,
                db.Accounts.Where(a => a.Id == i.AccountId).Select(a => a.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
}
