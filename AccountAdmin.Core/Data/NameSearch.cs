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
        var pattern = "%" + EscapeLike(folded) + "%";
        if (IsFragment(folded) && db.Database.IsSqlite())
        {
            // One statement, two ways: the few matches by rowid, CROSS JOIN keeping the FTS table outermost
            // (the planner would otherwise walk an account's name index testing every row against the matches); or, for
            // a common fragment, the account's memberships with a LIKE.
            var match = Phrase(folded);
            var account = accountId ?? Guid.Empty;
            var everywhere = accountId is null;
            return db.Memberships.FromSql($"""
                WITH "Hits" AS MATERIALIZED (SELECT rowid AS "Row" FROM "MembershipSearch" WHERE "MembershipSearch" MATCH {match} LIMIT {HitLimit})
                SELECT * FROM (
                    SELECT m.* FROM "Hits" CROSS JOIN "Memberships" AS m ON m.rowid = "Hits"."Row"
                    WHERE ({everywhere} OR m."AccountId" = {account})
                    LIMIT CASE WHEN (SELECT COUNT(*) FROM "Hits") < {HitLimit} THEN -1 ELSE 0 END)
                UNION ALL
                SELECT * FROM (
                    SELECT m.* FROM "Memberships" AS m
                    WHERE ({everywhere} OR m."AccountId" = {account}) AND m."NameKey" LIKE {pattern} ESCAPE '!'
                    LIMIT CASE WHEN (SELECT COUNT(*) FROM "Hits") < {HitLimit} THEN 0 ELSE -1 END)
                """);
        }

        var named = db.Memberships.Where(m => EF.Functions.Like(m.NameKey, pattern, "!"));
        return accountId is { } id ? named.Where(m => m.AccountId == id) : named;
    }

    /// <summary>The users, archived or not, whose name key holds <paramref name="folded"/> (already folded).</summary>
    public static IQueryable<AppUser> UsersNamed(this AccountAdminDbContext db, string folded)
    {
        var pattern = "%" + EscapeLike(folded) + "%";
        if (IsFragment(folded) && db.Database.IsSqlite())
        {
            var match = Phrase(folded);
            return db.Users.FromSql($"""
                WITH "Hits" AS MATERIALIZED (SELECT rowid AS "Row" FROM "UserSearch" WHERE "UserSearch" MATCH {match} LIMIT {HitLimit})
                SELECT * FROM (
                    SELECT u.* FROM "Hits" CROSS JOIN "AspNetUsers" AS u ON u.rowid = "Hits"."Row"
                    LIMIT CASE WHEN (SELECT COUNT(*) FROM "Hits") < {HitLimit} THEN -1 ELSE 0 END)
                UNION ALL
                SELECT * FROM (
                    SELECT u.* FROM "AspNetUsers" AS u WHERE u."NameKey" LIKE {pattern} ESCAPE '!'
                    LIMIT CASE WHEN (SELECT COUNT(*) FROM "Hits") < {HitLimit} THEN 0 ELSE -1 END)
                """);
        }

        return db.Users.Where(u => EF.Functions.Like(u.NameKey, pattern, "!"));
    }

    /// <summary>A quoted FTS5 phrase: a plain substring for the trigram tokenizer, whatever it holds (quotes doubled).</summary>
    public static string Phrase(string folded) => "\"" + folded.Replace("\"", "\"\"") + "\"";

    /// <summary>Text for LIKE … ESCAPE '!': its own wildcards and escape character match themselves.</summary>
    public static string EscapeLike(string text) => text.Replace("!", "!!").Replace("%", "!%").Replace("_", "!_");
}
