using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Data;

/// <summary>
/// Finding users and memberships by any part of a name or e-mail (the name key) through the trigram indexes: SQLite's
/// FTS5 tables over every user's and every membership's name key, PostgreSQL's pg_trgm indexes over the users' and the
/// current memberships'. Every character of the text stands for itself.
/// On SQLite a statement finds a fragment one of two ways, chosen by how often the FTS5 table finds it across the whole
/// table: rarely, the matches are read by rowid; commonly, a table's own index is walked, where matches come soon. The way
/// not taken gets a LIMIT of 0: a LIMIT is computed once before its branch runs, and 0 never starts it, where a WHERE
/// condition would be tested on every row of the walk.
/// </summary>
internal static class NameSearch
{
    /// <summary>Shorter than this, a fragment has no trigram to look up.</summary>
    public const int MinFragment = 3;

    public static bool IsFragment(string folded) => folded.EnumerateRunes().Count() >= MinFragment;

    /// <summary>
    /// How many matches across the whole table are read through the FTS5 index, at most: a fragment found more often is
    /// common, and walking a table's own index finds its matches sooner than reading every match would.
    /// </summary>
    public const int HitLimit = 500;

    /// <summary>
    /// The memberships, current or ended, whose name key holds <paramref name="folded"/> (already folded); of one account
    /// when <paramref name="accountId"/> is given.
    /// </summary>
    public static IQueryable<Membership> MembershipsNamed(this AccountAdminDbContext db, string folded, Guid? accountId = null)
    {
        if (IsFragment(folded) && db.Database.IsSqlite())
        {
            return accountId is { } id
                ? Named(db.Memberships, "Memberships", "MembershipSearch", folded, """t."AccountId" = {3}""", id)
                : Named(db.Memberships, "Memberships", "MembershipSearch", folded, "1");
        }

        var pattern = "%" + EscapeLike(folded) + "%";
        var named = db.Memberships.Where(m => EF.Functions.Like(m.NameKey, pattern, "!"));
        return accountId is { } account ? named.Where(m => m.AccountId == account) : named;
    }

    /// <summary>The users, archived or not, whose name key holds <paramref name="folded"/> (already folded).</summary>
    public static IQueryable<AppUser> UsersNamed(this AccountAdminDbContext db, string folded)
    {
        if (IsFragment(folded) && db.Database.IsSqlite())
        {
            return Named(db.Users, "AspNetUsers", "UserSearch", folded, "1");
        }

        var pattern = "%" + EscapeLike(folded) + "%";
        return db.Users.Where(u => EF.Functions.Like(u.NameKey, pattern, "!"));
    }

    /// <summary>
    /// The rows <c>t</c> of <paramref name="table"/> that <paramref name="keep"/> keeps whose name key holds the fragment,
    /// in one statement, two ways: the few matches of the FTS5 table <paramref name="index"/> by rowid (CROSS JOIN keeps
    /// it outermost, where the planner would otherwise walk an account's name index testing every row against the
    /// matches), or, for a common fragment, the table with a LIKE that the outer query's conditions lead to an index.
    /// Table names come from the two callers above; every value is a parameter.
    /// </summary>
    private static IQueryable<T> Named<T>(DbSet<T> rows, string table, string index, string folded, string keep, Guid? keepValue = null)
        where T : class
    {
        var sql = $$"""
            WITH "Hits" AS MATERIALIZED (SELECT rowid AS "Row" FROM "{{index}}" WHERE "{{index}}" MATCH {0} LIMIT {1})
            SELECT * FROM (
                SELECT t.* FROM "Hits" CROSS JOIN "{{table}}" AS t ON t.rowid = "Hits"."Row" WHERE {{keep}}
                LIMIT CASE WHEN (SELECT COUNT(*) FROM "Hits") < {1} THEN -1 ELSE 0 END)
            UNION ALL
            SELECT * FROM (
                SELECT t.* FROM "{{table}}" AS t WHERE {{keep}} AND t."NameKey" LIKE {2} ESCAPE '!'
                LIMIT CASE WHEN (SELECT COUNT(*) FROM "Hits") < {1} THEN 0 ELSE -1 END)
            """;
        object[] values = keepValue is { } value
            ? [Phrase(folded), HitLimit, "%" + EscapeLike(folded) + "%", value]
            : [Phrase(folded), HitLimit, "%" + EscapeLike(folded) + "%"];
        return rows.FromSqlRaw(sql, values);
    }

    /// <summary>A quoted FTS5 phrase: a plain substring for the trigram tokenizer, whatever it holds (quotes doubled).</summary>
    public static string Phrase(string folded) => "\"" + folded.Replace("\"", "\"\"") + "\"";

    /// <summary>Text for LIKE … ESCAPE '!': its own wildcards and escape character match themselves.</summary>
    public static string EscapeLike(string text) => text.Replace("!", "!!").Replace("%", "!%").Replace("_", "!_");
}
