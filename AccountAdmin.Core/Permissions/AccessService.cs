using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Permissions;

/// <summary>The account a request is about: its agency and division, as the pages need them.</summary>
public sealed record AccountScope(Guid AccountId, string AccountName, Guid AgencyId, string AgencyName, Guid? DivisionId, string? DivisionName);

/// <summary>An account together with what the current user may do in it.</summary>
public sealed record AccountContext(AccountScope Account, AccountAccess Access);

public interface IAccessService
{
    /// <summary>
    /// What <paramref name="userId"/> may do in <paramref name="accountId"/> and why, in one query;
    /// null when no such account exists.
    /// </summary>
    Task<AccountContext?> GetAsync(Guid userId, Guid accountId, CancellationToken cancellationToken = default);
}

public sealed class AccessService(AccountAdminDbContext db) : IAccessService
{
    public async Task<AccountContext?> GetAsync(Guid userId, Guid accountId, CancellationToken cancellationToken = default)
    {
        var row = await db.Accounts
            .AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => new
            {
                a.Id,
                a.Name,
                a.AgencyId,
                AgencyName = a.Agency.Name,
                a.DivisionId,
                DivisionName = a.Division != null ? a.Division.Name : null,
                ArchivedAt = db.Users.Where(u => u.Id == userId).Select(u => u.ArchivedAt).FirstOrDefault(),
                UserExists = db.Users.Any(u => u.Id == userId),
                Membership = db.Memberships
                    .Where(m => m.AccountId == a.Id && m.UserId == userId && m.EndedAt == null)
                    .Select(m => new { m.Role, m.Status })
                    .FirstOrDefault(),
                AgencyRoles = db.AgencyRoleGrants
                    .Where(g => g.AgencyId == a.AgencyId && g.UserId == userId)
                    .Select(g => g.Role)
                    .ToList(),
                IsDivisionAdministrator = db.DivisionAdministrators.Any(d => d.DivisionId == a.DivisionId && d.UserId == userId),
                IsDivisionMember = db.DivisionMembers.Any(d => d.DivisionId == a.DivisionId && d.UserId == userId),
            })
            .FirstOrDefaultAsync(cancellationToken);

        if (row is null)
        {
            return null;
        }

        var facts = new AccessFacts(
            UserArchived: !row.UserExists || row.ArchivedAt is not null,
            MembershipRole: row.Membership?.Role,
            MembershipStatus: row.Membership?.Status,
            AgencyRoles: row.AgencyRoles,
            DivisionName: row.DivisionName,
            IsDivisionAdministrator: row.IsDivisionAdministrator,
            IsDivisionMember: row.IsDivisionMember);

        var scope = new AccountScope(row.Id, row.Name, row.AgencyId, row.AgencyName, row.DivisionId, row.DivisionName);
        return new AccountContext(scope, PermissionRules.Evaluate(facts));
    }
}
