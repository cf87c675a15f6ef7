using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Accounts;

public sealed record OpenableAccount(Guid Id, string Name, Guid AgencyId, string AgencyName);

public sealed record OpenableAccountsPage(IReadOnlyList<OpenableAccount> Accounts, bool HasMore);

public sealed record MembershipSummary(Guid AccountId, string AccountName, string AgencyName, AccountRole Role, MembershipStatus Status);

public sealed record AgencyRoleSummary(string AgencyName, AgencyRole Role);

public sealed record DivisionSummary(string AgencyName, string DivisionName, bool Administrator);

/// <summary>Every grant a user holds: the accounts they are members of, their agency roles and their divisions.</summary>
public sealed record GrantSummary(
    IReadOnlyList<MembershipSummary> Memberships, IReadOnlyList<AgencyRoleSummary> AgencyRoles, IReadOnlyList<DivisionSummary> Divisions);

public interface IAccountDirectory
{
    /// <summary>
    /// The accounts <paramref name="userId"/> can open (a current, active membership, an agency role,
    /// or a division grant), by name, <paramref name="take"/> at a time after <paramref name="afterName"/>; only
    /// <paramref name="only"/> when given (an impersonation confined to one account).
    /// </summary>
    Task<OpenableAccountsPage> ListOpenableAsync(
        Guid userId, string? afterName, Guid? afterId, int take, Guid? only = null, CancellationToken cancellationToken = default);

    Task<GrantSummary> DescribeGrantsAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>The agencies whose pages <paramref name="userId"/> may open (an Agency Administrator, a division's administrator), by name.</summary>
    Task<IReadOnlyList<NamedItem>> ManagedAgenciesAsync(Guid userId, CancellationToken cancellationToken = default);
}

public sealed class AccountDirectory(AccountAdminDbContext db) : IAccountDirectory
{
    public async Task<GrantSummary> DescribeGrantsAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.EndedAt == null)
            .OrderBy(m => m.Account.Name)
            .Select(m => new MembershipSummary(m.AccountId, m.Account.Name, m.Account.Agency.Name, m.Role, m.Status))
            .ToListAsync(cancellationToken);
        var agencyRoles = await db.AgencyRoleGrants.AsNoTracking()
            .Where(g => g.UserId == userId)
            .Join(db.Agencies, g => g.AgencyId, a => a.Id, (g, a) => new AgencyRoleSummary(a.Name, g.Role))
            .ToListAsync(cancellationToken);
        var divisions = await db.DivisionAdministrators.AsNoTracking().Where(d => d.UserId == userId)
                .Join(db.Divisions, d => d.DivisionId, v => v.Id, (d, v) => new { v.AgencyId, v.Name, Administrator = true })
            .Concat(db.DivisionMembers.AsNoTracking().Where(d => d.UserId == userId)
                .Join(db.Divisions, d => d.DivisionId, v => v.Id, (d, v) => new { v.AgencyId, v.Name, Administrator = false }))
            .Join(db.Agencies, d => d.AgencyId, a => a.Id, (d, a) => new DivisionSummary(a.Name, d.Name, d.Administrator))
            .ToListAsync(cancellationToken);
        return new GrantSummary(memberships, agencyRoles, divisions);
    }

    public async Task<IReadOnlyList<NamedItem>> ManagedAgenciesAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Agencies.AsNoTracking()
            .Where(a => db.Users.Any(u => u.Id == userId && u.ArchivedAt == null)
                && (db.AgencyRoleGrants.Any(g => g.AgencyId == a.Id && g.UserId == userId && g.Role == AgencyRole.AgencyAdministrator)
                    || db.DivisionAdministrators.Any(d => d.UserId == userId && db.Divisions.Any(v => v.Id == d.DivisionId && v.AgencyId == a.Id))))
            .OrderBy(a => a.Name)
            .Select(a => new NamedItem(a.Id, a.Name, null))
            .ToListAsync(cancellationToken);

    public async Task<OpenableAccountsPage> ListOpenableAsync(
        Guid userId, string? afterName, Guid? afterId, int take, Guid? only = null, CancellationToken cancellationToken = default)
    {
        var active = db.Users.Where(u => u.Id == userId && u.ArchivedAt == null).Select(u => u.Id);
        var suspendedIn = db.Memberships
            .Where(m => m.UserId == userId && m.EndedAt == null && m.Status == MembershipStatus.Suspended)
            .Select(m => m.AccountId);
        var agencies = db.AgencyRoleGrants.Where(g => g.UserId == userId).Select(g => g.AgencyId);
        var divisions = db.DivisionAdministrators.Where(d => d.UserId == userId).Select(d => (Guid?)d.DivisionId)
            .Concat(db.DivisionMembers.Where(d => d.UserId == userId).Select(d => (Guid?)d.DivisionId));

        // A union of the three ways in, each through its own index, rather than one scan of every account.
        var openable = db.Memberships
            .Where(m => m.UserId == userId && m.EndedAt == null && m.Status == MembershipStatus.Active)
            .Select(m => m.AccountId)
            .Union(db.Accounts.Where(a => agencies.Contains(a.AgencyId)).Select(a => a.Id))
            .Union(db.Accounts.Where(a => divisions.Contains(a.DivisionId)).Select(a => a.Id));

        var query = db.Accounts
            .AsNoTracking()
            .Where(a => openable.Contains(a.Id) && !suspendedIn.Contains(a.Id) && active.Any());

        if (only is { } single)
        {
            query = query.Where(a => a.Id == single);
        }

        if (afterName is not null && afterId is { } id)
        {
            query = query.Where(a => string.Compare(a.Name, afterName) > 0
                || (a.Name == afterName && a.Id.CompareTo(id) > 0));
        }

        var rows = await query
            .OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new OpenableAccount(a.Id, a.Name, a.AgencyId, a.Agency.Name))
            .Take(take + 1)
            .ToListAsync(cancellationToken);

        return new OpenableAccountsPage(rows.Take(take).ToList(), rows.Count > take);
    }
}
