using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Support;

/// <summary>A user as the support console finds them, with the accounts they are in.</summary>
public sealed record SupportUserRow(Guid Id, string Name, string Email, bool Archived, bool SupportStaff, IReadOnlyList<string> Accounts, int AccountCount);

/// <summary>An e-mail given up on: where it was going, what it was, when and why.</summary>
public sealed record UndeliverableEmail(Guid Id, string To, string Subject, DateTime CreatedAt, DateTime FailedAt, string? Error, Guid? UserId, string? UserName);

public interface ISupportDesk
{
    /// <summary>The newest e-mails that could never be delivered, at most <paramref name="take"/>, each with the user it was for.</summary>
    Task<IReadOnlyList<UndeliverableEmail>> UndeliverableAsync(int take, CancellationToken cancellationToken = default);

    /// <summary>Whether the user is support staff (and not archived), read from the database rather than the session.</summary>
    Task<bool> IsSupportAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Users whose name or e-mail contains <paramref name="text"/>, by name, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<SupportUserRow>> FindUsersAsync(string text, int take, CancellationToken cancellationToken = default);
}

public sealed class SupportDesk(AccountAdminDbContext db) : ISupportDesk
{
    public Task<bool> IsSupportAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Users.AnyAsync(u => u.Id == userId && u.IsSupportStaff && u.ArchivedAt == null, cancellationToken);

    public async Task<IReadOnlyList<UndeliverableEmail>> UndeliverableAsync(int take, CancellationToken cancellationToken = default) =>
        await db.OutboxMessages.AsNoTracking()
            .Where(m => m.FailedAt != null)
            .OrderByDescending(m => m.FailedAt).Take(take)
            .Select(m => new UndeliverableEmail(
                m.Id, m.To, m.Subject, m.CreatedAt, m.FailedAt!.Value, m.LastError,
                db.Users.Where(u => u.NormalizedEmail == m.To.ToUpper()).Select(u => (Guid?)u.Id).FirstOrDefault(),
                db.Users.Where(u => u.NormalizedEmail == m.To.ToUpper()).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SupportUserRow>> FindUsersAsync(string text, int take, CancellationToken cancellationToken = default)
    {
        var users = await db.UsersNamed(DirectoryKeys.Fold(text)).AsNoTracking()
            .OrderBy(u => u.NameKey).Take(take)
            .Select(u => new { u.Id, Name = u.FirstName + " " + u.LastName, u.Email, Archived = u.ArchivedAt != null, u.IsSupportStaff })
            .ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var accounts = (await db.Memberships.AsNoTracking()
                .Where(m => ids.Contains(m.UserId) && m.EndedAt == null)
                .Select(m => new { m.UserId, m.Account.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.UserId, m => m.Name);
        return users.Select(u => new SupportUserRow(
                u.Id, u.Name, u.Email!, u.Archived, u.IsSupportStaff,
                accounts[u.Id].Order(StringComparer.OrdinalIgnoreCase).Take(3).ToList(), accounts[u.Id].Count()))
            .ToList();
    }
}
