using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Permissions;

/// <summary>The account a request is about: its agency and division, as the pages need them.</summary>
public sealed record AccountScope(Guid AccountId, string AccountName, Guid AgencyId, string AgencyName, Guid? DivisionId, string? DivisionName);

/// <summary>An account together with what the current user may do in it.</summary>
public sealed record AccountContext(AccountScope Account, AccountAccess Access);

/// <summary>
/// An agency together with the agency-wide permissions the current user holds there, and the divisions they
/// administer in it (seed 002).
/// </summary>
public sealed record AgencyContext(Guid AgencyId, string AgencyName, IReadOnlySet<Permission> Permissions, IReadOnlySet<Guid> AdministeredDivisions)
{
    public bool Has(Permission permission) => Permissions.Contains(permission);

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
}

public sealed class AccessService(AccountAdminDbContext db) : IAccessService
{
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
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            return null;
        }

        if (!agency.Active)
        {
            return new AgencyContext(agency.Id, agency.Name, new HashSet<Permission>(), new HashSet<Guid>());
        }

        var permissions = agency.Roles.SelectMany(PermissionRules.Of).ToHashSet();
        if (agency.Divisions.Count > 0)
        {
            permissions.UnionWith(PermissionRules.OfDivisionAdministration);
        }

        return new AgencyContext(agency.Id, agency.Name, permissions, agency.Divisions.ToHashSet());
    }

    public async Task<AccountContext?> GetAsync(Guid userId, Guid accountId, CancellationToken cancellationToken = default)
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
        return new AccountContext(scope, PermissionRules.Evaluate(facts));
    }
}
