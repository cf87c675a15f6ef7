using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Permissions;

/// <summary>
/// One line of a user's effective access in an agency: an account they are a member of, or a group of accounts
/// (a division's others, the agency's others) where the same grants apply.
/// </summary>
public sealed record AccessLine(string Scope, Guid? AccountId, int AccountCount, AccountAccess Access);

public interface IEffectiveAccess
{
    /// <summary>What the user may do across the agency and why, in a few queries whatever the number of accounts.</summary>
    Task<IReadOnlyList<AccessLine>> ExplainAsync(Guid userId, Guid agencyId, CancellationToken cancellationToken = default);
}

public sealed class EffectiveAccess(AccountAdminDbContext db) : IEffectiveAccess
{
    public async Task<IReadOnlyList<AccessLine>> ExplainAsync(Guid userId, Guid agencyId, CancellationToken cancellationToken = default)
    {
        var archived = await db.Users.Where(u => u.Id == userId).Select(u => u.ArchivedAt != null).SingleOrDefaultAsync(cancellationToken);
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.EndedAt == null && m.Account.AgencyId == agencyId)
            .Select(m => new { m.AccountId, m.Account.Name, m.Account.DivisionId, m.Role, m.Status })
            .ToListAsync(cancellationToken);
        var agencyRoles = await db.AgencyRoleGrants.AsNoTracking()
            .Where(g => g.UserId == userId && g.AgencyId == agencyId).Select(g => g.Role).ToListAsync(cancellationToken);
        var divisions = await db.Divisions.AsNoTracking()
            .Where(d => d.AgencyId == agencyId
                        && (db.DivisionMembers.Any(m => m.DivisionId == d.Id && m.UserId == userId)
                            || db.DivisionAdministrators.Any(m => m.DivisionId == d.Id && m.UserId == userId)))
            .Select(d => new
            {
                d.Id,
                d.Name,
                Member = db.DivisionMembers.Any(m => m.DivisionId == d.Id && m.UserId == userId),
                Administrator = db.DivisionAdministrators.Any(m => m.DivisionId == d.Id && m.UserId == userId),
                Accounts = db.Accounts.Count(a => a.DivisionId == d.Id),
            })
            .ToListAsync(cancellationToken);
        var divisionNames = divisions.ToDictionary(d => d.Id, d => d.Name);

        var lines = new List<AccessLine>();
        foreach (var m in memberships.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase))
        {
            var division = m.DivisionId is { } id ? divisions.FirstOrDefault(d => d.Id == id) : null;
            var facts = new AccessFacts(
                archived, m.Role, m.Status, agencyRoles,
                m.DivisionId is { } divisionId ? divisionNames.GetValueOrDefault(divisionId) : null,
                division?.Administrator == true, division?.Member == true);
            lines.Add(new AccessLine(m.Name, m.AccountId, 1, PermissionRules.Evaluate(facts)));
        }

        foreach (var division in divisions.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase))
        {
            var others = division.Accounts - memberships.Count(m => m.DivisionId == division.Id);
            if (others > 0)
            {
                var facts = new AccessFacts(archived, null, null, agencyRoles, division.Name, division.Administrator, division.Member);
                lines.Add(new AccessLine($"The other accounts of the division {division.Name}", null, others, PermissionRules.Evaluate(facts)));
            }
        }

        if (agencyRoles.Count > 0)
        {
            var divisionIds = divisions.Select(d => d.Id).ToList();
            var memberIds = memberships.Select(m => m.AccountId).ToList();
            var others = await db.Accounts.CountAsync(
                a => a.AgencyId == agencyId && !memberIds.Contains(a.Id) && (a.DivisionId == null || !divisionIds.Contains(a.DivisionId.Value)),
                cancellationToken);
            if (others > 0)
            {
                var facts = new AccessFacts(archived, null, null, agencyRoles, null, false, false);
                lines.Add(new AccessLine("Every other account of the agency", null, others, PermissionRules.Evaluate(facts)));
            }
        }

        return lines;
    }
}
