using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Permissions;

/// <summary>The account a request is about: its agency and division, as the pages need them.</summary>
public sealed record AccountScope(Guid AccountId, string AccountName, Guid AgencyId, string AgencyName, Guid? DivisionId, string? DivisionName);

/// <summary>An account together with what the current user may do in it.</summary>
public sealed record AccountContext(AccountScope Account, AccountAccess Access);

/// <summary>
/// An agency together with the agency-wide permissions the current user holds there, the divisions they administer in it
/// (seed 002), and the accounts of the agency where they are suspended: there they may do nothing, whatever the grant,
/// so an agency-wide command that reaches one of those accounts is refused.
/// </summary>
public sealed record AgencyContext(
    Guid AgencyId, string AgencyName, IReadOnlySet<Permission> Permissions, IReadOnlySet<Guid> AdministeredDivisions, Guid UserId,
    IReadOnlyDictionary<Guid, string> SuspendedIn)
{
    public bool Has(Permission permission) => Permissions.Contains(permission);

    /// <summary>The name of the first of <paramref name="accountIds"/> where the user is suspended; null when none.</summary>
    public string? SuspendedInAny(IEnumerable<Guid> accountIds) =>
        accountIds.Where(SuspendedIn.ContainsKey).Select(id => SuspendedIn[id]).Order(StringComparer.OrdinalIgnoreCase).FirstOrDefault();

    /// <summary>Agency Administrators manage every division of the agency; Division Administrators their own.</summary>
    public bool ManagesDivision(Guid divisionId) => Has(Permission.ManageDivisions) || AdministeredDivisions.Contains(divisionId);

    public bool ManagesAnyDivision => Has(Permission.ManageDivisions) || AdministeredDivisions.Count > 0;
}

public interface IAccessService
{
    /// <summary>What <paramref name="userId"/>'s agency roles let them do across <paramref name="agencyId"/>; null when no such agency exists.</summary>
    Task<AgencyContext?> GetAgencyAsync(Guid userId, Guid agencyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// What <paramref name="userId"/> may do in <paramref name="accountId"/> and why, in one query;
    /// null when no such account exists.
    /// </summary>
    Task<AccountContext?> GetAsync(Guid userId, Guid accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="actorId"/> and <paramref name="userId"/> side by side in each of <paramref name="accountIds"/>, or,
    /// when it is null, in every account the user holds a grant in (a suspended membership included): what a change to
    /// the user reaches. One query, whatever the number of accounts; unknown ids are left out.
    /// </summary>
    Task<IReadOnlyList<AccessPair>> CompareAsync(Guid actorId, Guid userId, IReadOnlyCollection<Guid>? accountIds, CancellationToken cancellationToken = default);
}

/// <summary>
/// An actor and a user in one account: what each may do there. The user's <see cref="Target"/> counts a suspended
/// membership's role, since a suspension is to be lifted by someone who could have granted that role.
/// </summary>
public sealed record AccessPair(Guid AccountId, string AccountName, Guid AgencyId, AccountAccess Actor, AccountAccess Target, AccountRole? TargetRole)
{
    /// <summary>The actor manages users here, and the user can do nothing here that the actor can't.</summary>
    public bool ActorManagesTarget => Actor.Has(Permission.ManageUsers) && !Target.Permissions.Except(Actor.Permissions).Any();
}

/// <summary>
/// Answers are remembered for the rest of the request (a page's check and Core's guards ask the same question) until the
/// request saves a change, which may change them.
/// </summary>
public sealed class AccessService : IAccessService, IDisposable
{
    private readonly AccountAdminDbContext db;
    private readonly IActorContext current;
    private readonly Dictionary<(Guid User, Guid Account), AccountContext?> accounts = [];
    private readonly Dictionary<(Guid User, Guid Agency), AgencyContext?> agencies = [];

    public AccessService(AccountAdminDbContext db, IActorContext current)
    {
        this.db = db;
        this.current = current;
        db.SavingChanges += Forget;
    }

    public void Dispose() => db.SavingChanges -= Forget;

    private void Forget(object? sender, SavingChangesEventArgs e)
    {
        accounts.Clear();
        agencies.Clear();
    }

    private sealed record Row(
        Guid Id, string Name, Guid AgencyId, string AgencyName, Guid? DivisionId, string? DivisionName, bool Active,
        AccountRole? Role, MembershipStatus? Status, bool AgencyAdministrator, bool AgencyBillingManager, bool MarketingManager,
        bool IsDivisionAdministrator, bool IsDivisionMember);

    // Every request asks this, so it is compiled once: one row of scalar subqueries, each an index lookup.
    private static readonly CompiledPerModel<Func<AccountAdminDbContext, Guid, Guid, Task<Row?>>> Query = new(() => EF.CompileAsyncQuery(
        (AccountAdminDbContext db, Guid userId, Guid accountId) => db.Accounts
            .AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => new Row(
                a.Id,
                a.Name,
                a.AgencyId,
                a.Agency.Name,
                a.DivisionId,
                a.Division != null ? a.Division.Name : null,
                db.Users.Any(u => u.Id == userId && u.ArchivedAt == null),
                db.Memberships.Where(m => m.UserId == userId && m.EndedAt == null && m.AccountId == a.Id).Select(m => (AccountRole?)m.Role).FirstOrDefault(),
                db.Memberships.Where(m => m.UserId == userId && m.EndedAt == null && m.AccountId == a.Id).Select(m => (MembershipStatus?)m.Status).FirstOrDefault(),
                db.AgencyRoleGrants.Any(g => g.UserId == userId && g.AgencyId == a.AgencyId && g.Role == AgencyRole.AgencyAdministrator),
                db.AgencyRoleGrants.Any(g => g.UserId == userId && g.AgencyId == a.AgencyId && g.Role == AgencyRole.AgencyBillingManager),
                db.AgencyRoleGrants.Any(g => g.UserId == userId && g.AgencyId == a.AgencyId && g.Role == AgencyRole.MarketingManager),
                db.DivisionAdministrators.Any(d => d.DivisionId == a.DivisionId && d.UserId == userId),
                db.DivisionMembers.Any(d => d.DivisionId == a.DivisionId && d.UserId == userId)))
            .FirstOrDefault()));

    public async Task<AgencyContext?> GetAgencyAsync(Guid userId, Guid agencyId, CancellationToken cancellationToken = default)
    {
        if (!agencies.TryGetValue((userId, agencyId), out var known))
        {
            agencies[(userId, agencyId)] = known = await ReadAgencyAsync(userId, agencyId, cancellationToken);
        }

        return known;
    }

    private async Task<AgencyContext?> ReadAgencyAsync(Guid userId, Guid agencyId, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking()
            .Where(a => a.Id == agencyId)
            .Select(a => new
            {
                a.Id,
                a.Name,
                Active = db.Users.Any(u => u.Id == userId && u.ArchivedAt == null),
                Roles = db.AgencyRoleGrants.Where(g => g.AgencyId == a.Id && g.UserId == userId).Select(g => g.Role).ToList(),
                Divisions = db.DivisionAdministrators.Where(d => d.UserId == userId)
                    .Join(db.Divisions, d => d.DivisionId, v => v.Id, (d, v) => new { d.DivisionId, v.AgencyId })
                    .Where(d => d.AgencyId == a.Id)
                    .Select(d => d.DivisionId).ToList(),
                SuspendedIn = db.Memberships
                    .Where(m => m.UserId == userId && m.EndedAt == null && m.Status == MembershipStatus.Suspended && m.Account.AgencyId == a.Id)
                    .Select(m => new { m.AccountId, m.Account.Name }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            return null;
        }

        if (!agency.Active || IsConfined(userId))
        {
            return new AgencyContext(agency.Id, agency.Name, new HashSet<Permission>(), new HashSet<Guid>(), userId, new Dictionary<Guid, string>());
        }

        var permissions = agency.Roles.SelectMany(PermissionRules.Of).ToHashSet();
        if (agency.Divisions.Count > 0)
        {
            permissions.UnionWith(PermissionRules.OfDivisionAdministration);
        }

        return new AgencyContext(
            agency.Id, agency.Name, permissions, agency.Divisions.ToHashSet(), userId, agency.SuspendedIn.ToDictionary(m => m.AccountId, m => m.Name));
    }

    public async Task<AccountContext?> GetAsync(Guid userId, Guid accountId, CancellationToken cancellationToken = default)
    {
        if (!accounts.TryGetValue((userId, accountId), out var known))
        {
            accounts[(userId, accountId)] = known = await ReadAsync(userId, accountId, cancellationToken);
        }

        return known;
    }

    private async Task<AccountContext?> ReadAsync(Guid userId, Guid accountId, CancellationToken cancellationToken)
    {
        var row = await Query.For(db)(db, userId, accountId);
        if (row is null)
        {
            return null;
        }

        var agencyRoleList = new List<AgencyRole>();
        if (row.AgencyAdministrator)
        {
            agencyRoleList.Add(AgencyRole.AgencyAdministrator);
        }

        if (row.AgencyBillingManager)
        {
            agencyRoleList.Add(AgencyRole.AgencyBillingManager);
        }

        if (row.MarketingManager)
        {
            agencyRoleList.Add(AgencyRole.MarketingManager);
        }

        var facts = new AccessFacts(
            UserArchived: !row.Active,
            MembershipRole: row.Role,
            MembershipStatus: row.Status,
            AgencyRoles: agencyRoleList,
            DivisionName: row.DivisionName,
            IsDivisionAdministrator: row.IsDivisionAdministrator,
            IsDivisionMember: row.IsDivisionMember);

        var scope = new AccountScope(row.Id, row.Name, row.AgencyId, row.AgencyName, row.DivisionId, row.DivisionName);
        return new AccountContext(scope, IsConfined(userId, accountId) ? AccountAccess.None(AccessDenial.OutsideImpersonation) : PermissionRules.Evaluate(facts));
    }

    private sealed record PairRow(
        Guid Id, string Name, Guid AgencyId, string? DivisionName,
        AccountRole? TargetRole, bool TargetDivisionAdministrator, bool TargetDivisionMember,
        AccountRole? ActorRole, MembershipStatus? ActorStatus, bool ActorDivisionAdministrator, bool ActorDivisionMember);

    public async Task<IReadOnlyList<AccessPair>> CompareAsync(
        Guid actorId, Guid userId, IReadOnlyCollection<Guid>? accountIds, CancellationToken cancellationToken = default)
    {
        var people = await db.Users.AsNoTracking().Where(u => u.Id == actorId || u.Id == userId)
            .Select(u => new { u.Id, u.ArchivedAt }).ToListAsync(cancellationToken);
        var agencyRoles = await db.AgencyRoleGrants.AsNoTracking().Where(g => g.UserId == actorId || g.UserId == userId)
            .Select(g => new { g.UserId, g.AgencyId, g.Role }).ToListAsync(cancellationToken);
        var targetAgencies = agencyRoles.Where(g => g.UserId == userId).Select(g => g.AgencyId).Distinct().ToList();
        var ids = accountIds?.Distinct().ToList();

        var accounts = ids is null
            ? db.Accounts.Where(a => targetAgencies.Contains(a.AgencyId)
                || db.Memberships.Any(m => m.AccountId == a.Id && m.UserId == userId && m.EndedAt == null)
                || db.DivisionAdministrators.Any(d => d.DivisionId == a.DivisionId && d.UserId == userId)
                || db.DivisionMembers.Any(d => d.DivisionId == a.DivisionId && d.UserId == userId))
            : db.Accounts.Where(a => ids.Contains(a.Id));
        var rows = await accounts.AsNoTracking()
            .Select(a => new PairRow(
                a.Id, a.Name, a.AgencyId, a.Division != null ? a.Division.Name : null,
                db.Memberships.Where(m => m.UserId == userId && m.EndedAt == null && m.AccountId == a.Id).Select(m => (AccountRole?)m.Role).FirstOrDefault(),
                db.DivisionAdministrators.Any(d => d.DivisionId == a.DivisionId && d.UserId == userId),
                db.DivisionMembers.Any(d => d.DivisionId == a.DivisionId && d.UserId == userId),
                db.Memberships.Where(m => m.UserId == actorId && m.EndedAt == null && m.AccountId == a.Id).Select(m => (AccountRole?)m.Role).FirstOrDefault(),
                db.Memberships.Where(m => m.UserId == actorId && m.EndedAt == null && m.AccountId == a.Id).Select(m => (MembershipStatus?)m.Status).FirstOrDefault(),
                db.DivisionAdministrators.Any(d => d.DivisionId == a.DivisionId && d.UserId == actorId),
                db.DivisionMembers.Any(d => d.DivisionId == a.DivisionId && d.UserId == actorId)))
            .ToListAsync(cancellationToken);

        var actorArchived = people.FirstOrDefault(p => p.Id == actorId)?.ArchivedAt is not null || people.All(p => p.Id != actorId);
        List<AgencyRole> RolesOf(Guid user, Guid agencyId) =>
            agencyRoles.Where(g => g.UserId == user && g.AgencyId == agencyId).Select(g => g.Role).ToList();
        return rows.Select(r =>
        {
            var actor = IsConfined(actorId, r.Id)
                ? AccountAccess.None(AccessDenial.OutsideImpersonation)
                : PermissionRules.Evaluate(new AccessFacts(
                    actorArchived, r.ActorRole, r.ActorStatus, RolesOf(actorId, r.AgencyId), r.DivisionName,
                    r.ActorDivisionAdministrator, r.ActorDivisionMember));
            var target = PermissionRules.Evaluate(new AccessFacts(
                false, r.TargetRole, MembershipStatus.Active, RolesOf(userId, r.AgencyId), r.DivisionName,
                r.TargetDivisionAdministrator, r.TargetDivisionMember));
            return new AccessPair(r.Id, r.Name, r.AgencyId, actor, actorId == userId ? actor : target, r.TargetRole);
        }).ToList();
    }

    /// <summary>Whether <paramref name="userId"/> is the impersonated actor of this request, kept to another account than <paramref name="accountId"/>.</summary>
    private bool IsConfined(Guid userId, Guid? accountId = null) =>
        current.ImpersonatorUserId is not null && current.UserId == userId
        && current.ConfinedToAccountId is { } only && only != accountId;
}
