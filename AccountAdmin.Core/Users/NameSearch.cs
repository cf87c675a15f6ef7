using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Users;

/// <summary>
/// Finding memberships by any part of their user's name or e-mail (the name key) through the trigram index: SQLite's
/// FTS5 table over every membership's name key, PostgreSQL's pg_trgm index over the current ones'. Every character of
/// the text stands for itself.
/// </summary>
internal static class NameSearch
{
    /// <summary>Shorter than this, a fragment has no trigram to look up.</summary>
    public const int MinFragment = 3;

    public static bool IsFragment(string folded) => folded.EnumerateRunes().Count() >= MinFragment;

    /// <summary>The memberships, current or ended, whose name key holds <paramref name="folded"/> (already folded).</summary>
    public static IQueryable<Membership> MembershipsNamed(this AccountAdminDbContext db, string folded)
    {
        if (IsFragment(folded) && db.Database.IsSqlite())
        {
            // A quoted FTS5 phrase is a plain substring for the trigram tokenizer, whatever it holds (quotes doubled).
            var match = "\"" + folded.Replace("\"", "\"\"") + "\"";
            return db.Memberships.FromSql(
                $"""SELECT * FROM "Memberships" WHERE rowid IN (SELECT rowid FROM "MembershipSearch" WHERE "MembershipSearch" MATCH {match})""");
        }

        var pattern = "%" + EscapeLike(folded) + "%";
        return db.Memberships.Where(m => EF.Functions.Like(m.NameKey, pattern, "!"));
    }

    /// <summary>Text for LIKE … ESCAPE '!': its own wildcards and escape character match themselves.</summary>
    public static string EscapeLike(string text) => text.Replace("!", "!!").Replace("%", "!%").Replace("_", "!_");
}
