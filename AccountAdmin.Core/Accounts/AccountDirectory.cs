using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Accounts;

public sealed record OpenableAccount(Guid Id, string Name, Guid AgencyId, string AgencyName);

public sealed record OpenableAccountsPage(IReadOnlyList<OpenableAccount> Accounts, bool HasMore);

public interface IAccountDirectory
{
    /// <summary>
    /// The accounts <paramref name="userId"/> can open (a current, active membership, an agency role,
    /// or a division grant), by name, <paramref name="take"/> at a time after <paramref name="afterName"/>.
    /// </summary>
    Task<OpenableAccountsPage> ListOpenableAsync(Guid userId, string? afterName, Guid? afterId, int take, CancellationToken cancellationToken = default);
}

public sealed class AccountDirectory(AccountAdminDbContext db) : IAccountDirectory
{
    public async Task<OpenableAccountsPage> ListOpenableAsync(
        Guid userId, string? afterName, Guid? afterId, int take, CancellationToken cancellationToken = default)
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
