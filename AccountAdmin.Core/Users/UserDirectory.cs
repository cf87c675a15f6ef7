using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Users;

public interface IUserDirectory
{
    /// <summary>One page of the users who hold any grant in the account (Manage Users), in two queries whatever the account's size.</summary>
    Task<UserListPage> ListAsync(AccountScope account, UserListQuery query, CancellationToken cancellationToken = default);
}

/// <summary>
/// Lists an account's users: its direct memberships, paged through the memberships' own sort-key
/// indexes, merged with the few users who reach the account through an agency role or its division.
/// </summary>
public sealed class UserDirectory(AccountAdminDbContext db) : IUserDirectory
{
    private sealed record Candidate(
        Guid UserId, string FirstName, string LastName, string Email, string? Nickname, bool HasPassword,
        DateTime? LastSignInAt, string Key, AccountRole? DirectRole, MembershipStatus? DirectStatus, Grant? Indirect);

    public async Task<UserListPage> ListAsync(AccountScope account, UserListQuery query, CancellationToken cancellationToken = default)
    {
        var keyName = query.Sort switch
        {
            UserSort.Email => nameof(Membership.EmailKey),
            UserSort.LastSignIn => nameof(Membership.SignInKey),
            _ => nameof(Membership.NameKey),
        };
        var backwards = query.Before is not null;
        var cursor = query.Before ?? query.After;

        // Walking the index: ascending unless the display order is descending, flipped when paging back.
        var ascending = query.Descending == backwards;
        var take = query.PageSize + 1;
        var pattern = query.Search is { Length: > 0 } s ? "%" + EscapeLike(DirectoryKeys.Fold(s)) + "%" : null;

        var direct = await DirectAsync(account.AccountId, query, keyName, cursor, ascending, pattern, take, cancellationToken);
        var indirect = query.Status == UserStatus.Suspended
            ? []
            : await IndirectAsync(account, keyName, cursor, ascending, pattern, query.Role is null ? take * 5 : null, cancellationToken);

        var rows = Merge(direct, indirect, query, ascending).Take(take).ToList();
        var hasMore = rows.Count > query.PageSize;
        rows = rows.Take(query.PageSize).ToList();
        if (backwards)
        {
            rows.Reverse();
        }

        string? next = null, previous = null;
        if (rows.Count > 0)
        {
            next = backwards || hasMore ? rows[^1].Key : null;
            previous = backwards ? (hasMore ? rows[0].Key : null) : (query.After is not null ? rows[0].Key : null);
        }

        return new UserListPage(rows, next, previous);
    }

    private async Task<List<Candidate>> DirectAsync(
        Guid accountId, UserListQuery query, string keyName, string? cursor, bool ascending, string? pattern, int take,
        CancellationToken cancellationToken)
    {
        var memberships = db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId && m.EndedAt == null);
        if (query.Role is { } role)
        {
            memberships = memberships.Where(m => m.Role == role);
        }

        memberships = query.Status switch
        {
            UserStatus.Suspended => memberships.Where(m => m.Status == MembershipStatus.Suspended),
            UserStatus.Active => memberships.Where(m => m.Status == MembershipStatus.Active && m.User.PasswordHash != null),
            UserStatus.Invited => memberships.Where(m => m.Status == MembershipStatus.Active && m.User.PasswordHash == null),
            _ => memberships,
        };

        if (pattern is not null)
        {
            memberships = memberships.Where(m => EF.Functions.Like(m.NameKey, pattern, "\\"));
        }

        if (cursor is not null)
        {
            memberships = ascending
                ? memberships.Where(m => string.Compare(EF.Property<string>(m, keyName), cursor) > 0)
                : memberships.Where(m => string.Compare(EF.Property<string>(m, keyName), cursor) < 0);
        }

        memberships = ascending
            ? memberships.OrderBy(m => EF.Property<string>(m, keyName))
            : memberships.OrderByDescending(m => EF.Property<string>(m, keyName));

        return await memberships
            .Take(take)
            .Select(m => new Candidate(
                m.UserId, m.User.FirstName, m.User.LastName, m.User.Email!, m.User.Nickname, m.User.PasswordHash != null,
                m.User.LastSignInAt, EF.Property<string>(m, keyName), m.Role, m.Status, null))
            .ToListAsync(cancellationToken);
    }

    private async Task<List<Candidate>> IndirectAsync(
        AccountScope account, string keyName, string? cursor, bool ascending, string? pattern, int? cap,
        CancellationToken cancellationToken)
    {
        var agencyId = account.AgencyId;
        var divisionId = account.DivisionId ?? Guid.Empty;
        var holders = db.AgencyRoleGrants.Where(g => g.AgencyId == agencyId)
                .Select(g => new { g.UserId, Kind = GrantKind.AgencyRole, AgencyRole = (AgencyRole?)g.Role })
            .Concat(db.DivisionAdministrators.Where(d => d.DivisionId == divisionId)
                .Select(d => new { d.UserId, Kind = GrantKind.DivisionAdministrator, AgencyRole = (AgencyRole?)null }))
            .Concat(db.DivisionMembers.Where(d => d.DivisionId == divisionId)
                .Select(d => new { d.UserId, Kind = GrantKind.DivisionMember, AgencyRole = (AgencyRole?)null }));

        var users = from h in holders
                    join u in db.Users on h.UserId equals u.Id
                    where u.ArchivedAt == null
                    select new { h, u };

        if (pattern is not null)
        {
            users = users.Where(x => EF.Functions.Like(x.u.NameKey, pattern, "\\"));
        }

        if (cursor is not null)
        {
            users = ascending
                ? users.Where(x => string.Compare(EF.Property<string>(x.u, keyName), cursor) > 0)
                : users.Where(x => string.Compare(EF.Property<string>(x.u, keyName), cursor) < 0);
        }

        users = ascending
            ? users.OrderBy(x => EF.Property<string>(x.u, keyName))
            : users.OrderByDescending(x => EF.Property<string>(x.u, keyName));
        if (cap is { } limit)
        {
            users = users.Take(limit);
        }

        var rows = await users
            .Select(x => new
            {
                x.u.Id, x.u.FirstName, x.u.LastName, x.u.Email, x.u.Nickname,
                HasPassword = x.u.PasswordHash != null, x.u.LastSignInAt,
                Key = EF.Property<string>(x.u, keyName),
                x.h.Kind, x.h.AgencyRole,
                Direct = db.Memberships
                    .Where(m => m.AccountId == account.AccountId && m.UserId == x.u.Id && m.EndedAt == null)
                    .Select(m => new { m.Role, m.Status })
                    .FirstOrDefault(),
            })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        return rows
            .Select(r => new Candidate(
                r.Id, r.FirstName, r.LastName, r.Email!, r.Nickname, r.HasPassword, r.LastSignInAt, r.Key,
                r.Direct?.Role, r.Direct?.Status,
                r.Kind switch
                {
                    GrantKind.AgencyRole => Grant.Of(r.AgencyRole!.Value),
                    GrantKind.DivisionAdministrator => Grant.AdministratorOf(account.DivisionName ?? ""),
                    _ => Grant.MemberOf(account.DivisionName ?? ""),
                }))
            .ToList();
    }

    private static IEnumerable<UserListRow> Merge(List<Candidate> direct, List<Candidate> indirect, UserListQuery query, bool ascending)
    {
        var rows = direct.Concat(indirect)
            .GroupBy(c => c.UserId)
            .Select(ToRow)
            .Where(r => r is not null && Matches(r, query))
            .Select(r => r!);
        return ascending
            ? rows.OrderBy(r => r.Key, StringComparer.Ordinal)
            : rows.OrderByDescending(r => r.Key, StringComparer.Ordinal);
    }

    private static UserListRow? ToRow(IGrouping<Guid, Candidate> candidates)
    {
        var first = candidates.First();
        var directRole = candidates.Select(c => c.DirectRole).FirstOrDefault(r => r is not null);
        var directStatus = candidates.Select(c => c.DirectStatus).FirstOrDefault(s => s is not null);
        var sources = new List<Grant>();
        if (directRole is { } role)
        {
            sources.Add(Grant.Of(role));
        }

        sources.AddRange(candidates.Select(c => c.Indirect).OfType<Grant>().Distinct());
        if (sources.Count == 0)
        {
            return null;
        }

        sources = sources.OrderBy(g => g.EquivalentRole).ThenBy(g => g.Kind).ToList();
        var status = directStatus == MembershipStatus.Suspended ? UserStatus.Suspended
            : first.HasPassword ? UserStatus.Active
            : UserStatus.Invited;

        return new UserListRow(
            first.UserId, first.FirstName, first.LastName, first.Email, first.Nickname,
            sources[0].EquivalentRole!.Value, sources, status, first.LastSignInAt, first.Key);
    }

    private static bool Matches(UserListRow row, UserListQuery query) =>
        (query.Role is null || row.Sources.Any(s => s.EquivalentRole == query.Role))
        && (query.Status is null || row.Status == query.Status);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
