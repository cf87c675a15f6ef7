using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using System.Text;

namespace AccountAdmin.Core.Users;

public interface IUserDirectory
{
    /// <summary>One page of the users who hold any grant in the account (Manage Users), in two queries whatever the account's size.</summary>
    Task<UserListPage> ListAsync(AccountScope account, UserListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many users <paramref name="query"/>'s search and filters find in the account (its paging aside): all of them
    /// without a search or filter; otherwise counted up to <see cref="UserDirectory.CountLimit"/>, a larger number meaning
    /// "more than that"; null when counting would read more than <see cref="UserDirectory.CountWalkLimit"/> of the
    /// account's users (a fragment common in every account, in a big one).
    /// </summary>
    Task<int?> CountAsync(AccountScope account, UserListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the users the search and filters find, in list order, at most <paramref name="limit"/> + 1 of them
    /// (so that the caller sees there are more): "all matching" of the bulk actions.
    /// </summary>
    Task<IReadOnlyList<Guid>> MatchingIdsAsync(AccountScope account, UserListQuery query, int limit, CancellationToken cancellationToken = default);

    /// <summary>A current member of the account, or null.</summary>
    Task<AccountMember?> FindMemberAsync(Guid accountId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>The account's removed users, most recently removed first, <paramref name="take"/> after <paramref name="after"/>.</summary>
    Task<ArchivedPage> ListArchivedAsync(Guid accountId, string? after, int take, CancellationToken cancellationToken = default);
}

public sealed record ArchivedMember(
    Guid UserId, string Name, string Email, AccountRole Role, DateTime RemovedAt, string? RemovedBy, bool PasswordCleared, string Key);

public sealed record ArchivedPage(IReadOnlyList<ArchivedMember> Rows, string? NextAfter);

public sealed record AccountMember(Guid UserId, string Name, string Email, AccountRole Role, MembershipStatus Status);

/// <summary>
/// Lists an account's users: its direct memberships, paged through the memberships' own sort-key
/// indexes, merged with the few users who reach the account through an agency role or its division.
/// </summary>
public sealed class UserDirectory(AccountAdminDbContext db) : IUserDirectory
{
    /// <summary>How far a count goes: beyond it a list says "more than 10,000", so that its cost doesn't grow with the account.</summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// How many of an account's users a count may walk through to test each against a fragment that is common in every
    /// account; a bigger account's list shows its pages without a total.
    /// </summary>
    public const int CountWalkLimit = 50_000;

    private sealed record Candidate(
        Guid UserId, string FirstName, string LastName, string Email, string? Nickname, bool HasPassword,
        DateTime? LastSignInAt, string Key, AccountRole? DirectRole, MembershipStatus? DirectStatus, Grant? Indirect, bool TwoFactor,
        DateTime? InvitationSentAt);

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
        var pattern = Pattern(query);

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

    public async Task<int?> CountAsync(AccountScope account, UserListQuery query, CancellationToken cancellationToken = default)
    {
        var pattern = Pattern(query);
        var everyone = pattern is null && query.Role is null && query.Status is null;
        await using var command = SqlCommands.Create(db, "");
        command.Add(db, "@limit", CountLimit + 1);
        if (everyone)
        {
            // Every current membership: kept on the account's row by the database's triggers.
            command.Add(db, "@account", account.AccountId);
            command.CommandText = """SELECT CAST("MemberCount" AS BIGINT) FROM "Accounts" WHERE "Id" = @account""";
        }
        else if (UsesHits(pattern))
        {
            // A fragment found more often than the count reads by rowid is counted by walking the account's name index,
            // unless the account is too big for that: then the list shows its pages without a total.
            var where = DirectWhere(command, account.AccountId, query);
            command.Add(db, "@walkLimit", CountWalkLimit);
            command.CommandText = HitsPrefix + $"""
                SELECT CASE
                    WHEN (SELECT COUNT(*) FROM "Hits") >= @hitLimit
                        AND (SELECT "MemberCount" FROM "Accounts" WHERE "Id" = @account) > @walkLimit THEN -1
                    ELSE (SELECT COUNT(*) FROM ({HitsBranches(command, where, UserJoin(query), NameOrder, "@limit", CountHitLimit, pattern!, Walk(query, nameof(Membership.NameKey))!)}) AS counted)
                END
                """;
        }
        else
        {
            // Only the Active and Invited filters need the user's row; the rest is counted in the memberships' own index.
            var sql = DirectSql("1", command, account.AccountId, query, index: Walk(query, nameof(Membership.NameKey)));
            Filter(sql, command, "m", nameof(Membership.NameKey), null, true, pattern);
            command.CommandText = sql.Insert(0, "SELECT COUNT(*) FROM (").Append(" LIMIT @limit) AS counted").ToString();
        }

        var direct = (await command.ReadAsync(db, r => r.GetInt64(0), cancellationToken)).Single();
        if (direct < 0)
        {
            return null;
        }

        if (direct > CountLimit && !everyone)
        {
            return CountLimit + 1;
        }

        // The few users reached through the agency or the division count once, unless their own membership counted already.
        var indirect = query.Status == UserStatus.Suspended
            ? []
            : await IndirectAsync(account, nameof(Membership.NameKey), null, true, pattern, null, cancellationToken);
        var more = indirect.GroupBy(c => c.UserId)
            .Count(g => !DirectMatches(g.First(), query) && ToRow(g) is { } row && Matches(row, query));
        return (int)(everyone ? direct + more : Math.Min(direct + more, CountLimit + 1));
    }

    public async Task<IReadOnlyList<Guid>> MatchingIdsAsync(
        AccountScope account, UserListQuery query, int limit, CancellationToken cancellationToken = default)
    {
        var pattern = Pattern(query);
        var all = query with { After = null, Before = null, Sort = UserSort.Name, Descending = false };
        var direct = await DirectAsync(account.AccountId, all, nameof(Membership.NameKey), null, true, pattern, limit + 1, cancellationToken);
        var indirect = query.Status == UserStatus.Suspended
            ? []
            : await IndirectAsync(account, nameof(Membership.NameKey), null, true, pattern, null, cancellationToken);
        return Merge(direct, indirect, all, true).Take(limit + 1).Select(r => r.UserId).ToList();
    }

    private static bool DirectMatches(Candidate candidate, UserListQuery query) =>
        candidate.DirectRole is { } role && (query.Role is null || role == query.Role)
        && query.Status switch
        {
            UserStatus.Suspended => candidate.DirectStatus == MembershipStatus.Suspended,
            UserStatus.Active => candidate.DirectStatus == MembershipStatus.Active && candidate.HasPassword,
            UserStatus.Invited => candidate.DirectStatus == MembershipStatus.Active && !candidate.HasPassword,
            _ => true,
        };

    private static Search? Pattern(UserListQuery query) =>
        query.Search is { } s && DirectoryKeys.Fold(s) is { Length: > 0 } folded ? new Search(folded) : null;

    /// <summary>
    /// A search as the list runs it: a fragment of three characters or more anywhere in the name key (which ends with
    /// the e-mail), through a trigram index whatever the account's size; a shorter one at the start of the name or the
    /// e-mail. Every character stands for itself.
    /// </summary>
    private sealed record Search(string Folded)
    {
        public bool IsFragment { get; } = NameSearch.IsFragment(Folded);
    }

    public Task<AccountMember?> FindMemberAsync(Guid accountId, Guid userId, CancellationToken cancellationToken = default) =>
        db.Memberships
            .AsNoTracking()
            .Where(m => m.AccountId == accountId && m.UserId == userId && m.EndedAt == null)
            .Select(m => new AccountMember(m.UserId, m.User.FirstName + " " + m.User.LastName, m.User.Email!, m.Role, m.Status))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<ArchivedPage> ListArchivedAsync(Guid accountId, string? after, int take, CancellationToken cancellationToken = default)
    {
        var ended = db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId && m.EndedAt != null);
        if (after is not null && ArchivedKey.TryParse(after, out var at, out var email))
        {
            ended = ended.Where(m => m.EndedAt < at || (m.EndedAt == at && string.Compare(m.EmailKey, email) > 0));
        }

        var rows = await ended
            .OrderByDescending(m => m.EndedAt).ThenBy(m => m.EmailKey)
            .Take(take + 1)
            .Select(m => new
            {
                m.UserId, m.User.FirstName, m.User.LastName, m.User.Email, m.Role, m.EndedAt, m.EmailKey,
                RemovedBy = db.Users.Where(u => u.Id == m.EndedById).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
                Archived = m.User.ArchivedAt != null,
            })
            .ToListAsync(cancellationToken);

        var members = rows.Take(take)
            .Select(r => new ArchivedMember(
                r.UserId, $"{r.FirstName} {r.LastName}", r.Email!, r.Role, r.EndedAt!.Value, r.RemovedBy, r.Archived,
                ArchivedKey.Format(r.EndedAt.Value, r.EmailKey)))
            .ToList();
        return new ArchivedPage(members, rows.Count > take ? members[^1].Key : null);
    }

    private static class ArchivedKey
    {
        public static string Format(DateTime at, string email) => $"{at.Ticks}|{email}";

        public static bool TryParse(string key, out DateTime at, out string email)
        {
            var parts = key.Split('|', 2);
            email = parts.Length == 2 ? parts[1] : "";
            at = default;
            if (parts.Length != 2 || !long.TryParse(parts[0], out var ticks) || ticks < 0 || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            at = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }
    }

    private const string UserColumns = """
        u."Id", u."FirstName", u."LastName", u."Email", u."Nickname",
        CASE WHEN u."PasswordHash" IS NULL THEN 0 ELSE 1 END, u."LastSignInAt"
        """;

    // The list's hot path is hand-written SQL (portable between SQLite and PostgreSQL): the shape varies with
    // the filters, and EF's per-query overhead was most of the page's cost. Column names come from a fixed set.
    private async Task<List<Candidate>> DirectAsync(
        Guid accountId, UserListQuery query, string keyName, string? cursor, bool ascending, Search? pattern, int take,
        CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(db, "");
        var columns = $"""{UserColumns}, m."{keyName}", m."Role", m."Status", (u."TwoFactorEnabled" OR u."PasskeyCount" > 0), u."InvitationSentAt" """;
        var order = $""" ORDER BY m."{keyName}" {(ascending ? "ASC" : "DESC")}""";
        command.Add(db, "@take", take);
        if (UsesHits(pattern))
        {
            // The page's memberships are found first, by rowid; their users are read for those rows only.
            var where = DirectWhere(command, accountId, query) + CursorCondition(command, "m", keyName, cursor, ascending);
            command.CommandText = HitsPrefix + $"""
                SELECT {columns}
                FROM ({HitsBranches(command, where, UserJoin(query), order, "@take", ListHitLimit, pattern!, Walk(query, keyName)!)}) AS page
                INNER JOIN "Memberships" AS m ON m.rowid = page."Row"
                INNER JOIN "AspNetUsers" AS u ON u."Id" = m."UserId"
                {order}
                """;
        }
        else
        {
            var index = pattern is null && keyName != nameof(Membership.NameKey) && await FewFilteredAsync(accountId, query, cancellationToken)
                ? FilterIndex(query)
                : Walk(query, keyName);
            var sql = DirectSql(columns, command, accountId, query, withUser: true, index);
            Filter(sql, command, "m", keyName, cursor, ascending, pattern);
            command.CommandText = sql.Append(order).Append(" LIMIT @take").ToString();
        }

        return await command.ReadAsync(
            db,
            r => new Candidate(
                r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetStringOrNull(4), r.GetInt32(5) == 1,
                r.GetUtcDateTimeOrNull(6), r.GetString(7), Enum.Parse<AccountRole>(r.GetString(8)),
                Enum.Parse<MembershipStatus>(r.GetString(9)), null, r.GetBoolean(10), r.GetUtcDateTimeOrNull(11)),
            cancellationToken);
    }

    /// <summary>How many of a role's or status's members an email or sign-in ordered page reads whole and sorts.</summary>
    internal const int FewFiltered = 1_000;

    /// <summary>
    /// The index a page of the account's memberships walks on SQLite, in the order of <paramref name="keyName"/>: the
    /// filter's own when it holds that order (by name: the role's or status's members in name order), else the sort key's.
    /// Named, so that the plan doesn't follow the statistics: with an index newer than the last ANALYZE, the planner
    /// took one without the order and sorted 500,000 rows. Null on PostgreSQL, whose planner keeps its statistics itself.
    /// </summary>
    private string? Walk(UserListQuery query, string keyName) =>
        !db.Database.IsSqlite() ? null
        : keyName == nameof(Membership.NameKey) ? FilterIndex(query) ?? "IX_Memberships_Current_Name"
        : keyName == nameof(Membership.EmailKey) ? "IX_Memberships_Current_Email"
        : "IX_Memberships_Current_SignIn";

    /// <summary>The index of the role filter, else of the status filter (in name order), or null without either.</summary>
    private static string? FilterIndex(UserListQuery query) =>
        query.Role is not null ? "IX_Memberships_Current_Role"
        : query.Status is not null ? "IX_Memberships_Current_Status"
        : null;

    /// <summary>
    /// On SQLite, whether <paramref name="query"/>'s role (or Suspended) filter keeps few of the account's users: then,
    /// sorted by e-mail or sign-in, they are read from the filter's index and sorted, where walking that order's index
    /// would test every row of the account (half a second for the one Owner of 500,000 users). A common role's members
    /// come soon in any order; PostgreSQL's planner weighs the two itself.
    /// </summary>
    private async Task<bool> FewFilteredAsync(Guid accountId, UserListQuery query, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite() || (query.Role is null && query.Status != UserStatus.Suspended))
        {
            return false;
        }

        await using var command = SqlCommands.Create(db, "");
        command.Add(db, "@few", FewFiltered + 1);
        command.CommandText = $"""
            SELECT COUNT(*) FROM (SELECT 1 FROM "Memberships" AS m INDEXED BY "{FilterIndex(query)}" WHERE {DirectWhere(command, accountId, query with { Status = query.Role is null ? query.Status : null })} LIMIT @few)
            """;
        return (await command.ReadAsync(db, r => r.GetInt64(0), cancellationToken)).Single() <= FewFiltered;
    }

    /// <summary>
    /// The direct memberships of the account that <paramref name="query"/>'s role and status filters keep, read through
    /// <paramref name="index"/> when given.
    /// </summary>
    private StringBuilder DirectSql(
        string columns, DbCommand command, Guid accountId, UserListQuery query, bool withUser = false, string? index = null) =>
        new($"""
            SELECT {columns}
            FROM "Memberships" AS m {(index is null ? "" : $"INDEXED BY \"{index}\"")}
            {(withUser ? UserJoinSql : UserJoin(query))}
            WHERE {DirectWhere(command, accountId, query)}
            """);

    private const string UserJoinSql = """INNER JOIN "AspNetUsers" AS u ON u."Id" = m."UserId" """;

    /// <summary>Only the Active and Invited filters need the user's row (whether they have a password).</summary>
    private static string UserJoin(UserListQuery query) => query.Status is UserStatus.Active or UserStatus.Invited ? UserJoinSql : "";

    /// <summary>The conditions on a membership <c>m</c> (and its user <c>u</c>, joined when the status filter needs it).</summary>
    private string DirectWhere(DbCommand command, Guid accountId, UserListQuery query)
    {
        command.Add(db, "@account", accountId);
        var where = """m."AccountId" = @account AND m."EndedAt" IS NULL""";
        if (query.Role is { } role)
        {
            where += """ AND m."Role" = @role""";
            command.Add(db, "@role", role.ToString());
        }

        return where + query.Status switch
        {
            UserStatus.Suspended => """ AND m."Status" = 'Suspended'""",
            UserStatus.Active => """ AND m."Status" = 'Active' AND u."PasswordHash" IS NOT NULL""",
            UserStatus.Invited => """ AND m."Status" = 'Active' AND u."PasswordHash" IS NULL""",
            _ => "",
        };
    }

    /// <summary>A fragment of three characters or more, on SQLite, is found through the memberships' FTS5 trigram table.</summary>
    private bool UsesHits(Search? search) => search is { IsFragment: true } && db.Database.IsSqlite();

    /// <summary>How many of a fragment's matches across every account the list reads by rowid before walking the account's index instead.</summary>
    internal const int ListHitLimit = NameSearch.HitLimit;

    /// <summary>The same for a count, which must otherwise walk the whole account.</summary>
    internal const int CountHitLimit = CountLimit + 1;

    // A count walks the name index too: it holds the name key, so no row is read to test it.
    private const string NameOrder = """ORDER BY m."NameKey" """;

    private const string HitsPrefix = """
        WITH "Hits" AS MATERIALIZED (SELECT rowid AS "Row" FROM "MembershipSearch" WHERE "MembershipSearch" MATCH @match LIMIT @hitLimit)

        """;

    /// <summary>
    /// The rowids of the memberships <paramref name="where"/> keeps whose name key holds the fragment, in <paramref name="order"/>,
    /// at most <paramref name="limit"/>, found one of two ways (see <see cref="NameSearch"/>): when the trigram index finds
    /// fewer than <paramref name="hitLimit"/> across every account (one person, a rare name), those rows are read by rowid;
    /// otherwise the fragment is common and the account's index <paramref name="walk"/> is walked in order, where matches come soon.
    /// </summary>
    private string HitsBranches(DbCommand command, string where, string join, string order, string limit, int hitLimit, Search search, string walk)
    {
        command.Add(db, "@match", NameSearch.Phrase(search.Folded));
        command.Add(db, "@pattern", "%" + NameSearch.EscapeLike(search.Folded) + "%");
        command.Add(db, "@hitLimit", hitLimit);
        return $"""
            SELECT * FROM (
                SELECT m.rowid AS "Row" FROM "Hits" CROSS JOIN "Memberships" AS m ON m.rowid = "Hits"."Row" {join}
                WHERE {where} {order}
                LIMIT CASE WHEN (SELECT COUNT(*) FROM "Hits") < @hitLimit THEN {limit} ELSE 0 END)
            UNION ALL
            SELECT * FROM (
                SELECT m.rowid AS "Row" FROM "Memberships" AS m INDEXED BY "{walk}" {join}
                WHERE {where} AND m."NameKey" LIKE @pattern ESCAPE '!' {order}
                LIMIT CASE WHEN (SELECT COUNT(*) FROM "Hits") < @hitLimit THEN 0 ELSE {limit} END)
            """;
    }

    /// <summary>Users who reach the account through an agency role or its division, with any direct membership they also hold.</summary>
    private async Task<List<Candidate>> IndirectAsync(
        AccountScope account, string keyName, string? cursor, bool ascending, Search? pattern, int? cap,
        CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"""
            SELECT {UserColumns}, u."{keyName}", h."Kind", h."AgencyRole", m."Role", m."Status", (u."TwoFactorEnabled" OR u."PasskeyCount" > 0), u."InvitationSentAt"
            FROM (
                SELECT g."UserId", 2 AS "Kind", g."Role" AS "AgencyRole" FROM "AgencyRoleGrants" AS g WHERE g."AgencyId" = @agency
                UNION ALL
                SELECT a."UserId", 3, NULL FROM "DivisionAdministrators" AS a WHERE a."DivisionId" = @division
                UNION ALL
                SELECT d."UserId", 4, NULL FROM "DivisionMembers" AS d WHERE d."DivisionId" = @division
            ) AS h
            INNER JOIN "AspNetUsers" AS u ON u."Id" = h."UserId"
            LEFT JOIN "Memberships" AS m ON m."AccountId" = @account AND m."UserId" = u."Id" AND m."EndedAt" IS NULL
            WHERE u."ArchivedAt" IS NULL
            """);
        await using var command = SqlCommands.Create(db, "");
        command.Add(db, "@agency", account.AgencyId);
        command.Add(db, "@division", account.DivisionId ?? Guid.Empty);
        command.Add(db, "@account", account.AccountId);
        Filter(sql, command, "u", keyName, cursor, ascending, pattern);
        sql.Append($""" ORDER BY u."{keyName}" {(ascending ? "ASC" : "DESC")}""");
        if (cap is { } limit)
        {
            sql.Append(" LIMIT @take");
            command.Add(db, "@take", limit);
        }

        command.CommandText = sql.ToString();
        var divisionName = account.DivisionName ?? "";
        return await command.ReadAsync(
            db,
            r => new Candidate(
                r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetStringOrNull(4), r.GetInt32(5) == 1,
                r.GetUtcDateTimeOrNull(6), r.GetString(7),
                r.IsDBNull(10) ? null : Enum.Parse<AccountRole>(r.GetString(10)),
                r.IsDBNull(11) ? null : Enum.Parse<MembershipStatus>(r.GetString(11)),
                (GrantKind)r.GetInt32(8) switch
                {
                    GrantKind.AgencyRole => Grant.Of(Enum.Parse<AgencyRole>(r.GetString(9))),
                    GrantKind.DivisionAdministrator => Grant.AdministratorOf(divisionName),
                    _ => Grant.MemberOf(divisionName),
                },
                r.GetBoolean(12), r.GetUtcDateTimeOrNull(13)),
            cancellationToken);
    }

    private void Filter(StringBuilder sql, DbCommand command, string alias, string keyName, string? cursor, bool ascending, Search? search)
    {
        if (search is { IsFragment: true })
        {
            // On PostgreSQL, pg_trgm's index on the current memberships' name keys serves this LIKE; on SQLite, the few
            // users reached through the agency or the division are read whole.
            sql.Append($""" AND {alias}."NameKey" LIKE @pattern ESCAPE '!'""");
            command.Add(db, "@pattern", "%" + NameSearch.EscapeLike(search.Folded) + "%");
        }
        else if (search is not null)
        {
            sql.Append($""" AND ({alias}."NameKey" LIKE @pattern ESCAPE '!' OR {alias}."EmailKey" LIKE @pattern ESCAPE '!')""");
            command.Add(db, "@pattern", NameSearch.EscapeLike(search.Folded) + "%");
        }

        sql.Append(CursorCondition(command, alias, keyName, cursor, ascending));
    }

    private string CursorCondition(DbCommand command, string alias, string keyName, string? cursor, bool ascending)
    {
        if (cursor is null)
        {
            return "";
        }

        command.Add(db, "@cursor", cursor);
        return $""" AND {alias}."{keyName}" {(ascending ? ">" : "<")} @cursor""";
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
            sources[0].EquivalentRole!.Value, sources, status, first.LastSignInAt, first.Key, first.TwoFactor)
        {
            InvitationSentAt = status == UserStatus.Invited ? first.InvitationSentAt : null,
        };
    }

    private static bool Matches(UserListRow row, UserListQuery query) =>
        (query.Role is null || row.Sources.Any(s => s.EquivalentRole == query.Role))
        && (query.Status is null || row.Status == query.Status);
}
