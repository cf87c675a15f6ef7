using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Data;

/// <summary>
/// Finding users and memberships by any part of a name or e-mail (the name key) through the trigram indexes: SQLite's
/// FTS5 tables over every user's and every membership's name key, PostgreSQL's pg_trgm indexes over the users' and the
/// current memberships'. Every character of the text stands for itself.
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
            var match = Phrase(folded);
            return db.Memberships.FromSql(
                $"""SELECT * FROM "Memberships" WHERE rowid IN (SELECT rowid FROM "MembershipSearch" WHERE "MembershipSearch" MATCH {match})""");
        }

        var pattern = "%" + EscapeLike(folded) + "%";
        return db.Memberships.Where(m => EF.Functions.Like(m.NameKey, pattern, "!"));
    }

    /// <summary>The users, archived or not, whose name key holds <paramref name="folded"/> (already folded).</summary>
    public static IQueryable<AppUser> UsersNamed(this AccountAdminDbContext db, string folded)
    {
        if (IsFragment(folded) && db.Database.IsSqlite())
        {
            var match = Phrase(folded);
            return db.Users.FromSql(
                $"""SELECT * FROM "AspNetUsers" WHERE rowid IN (SELECT rowid FROM "UserSearch" WHERE "UserSearch" MATCH {match})""");
        }

        var pattern = "%" + EscapeLike(folded) + "%";
        return db.Users.Where(u => EF.Functions.Like(u.NameKey, pattern, "!"));
    }

    /// <summary>A quoted FTS5 phrase: a plain substring for the trigram tokenizer, whatever it holds (quotes doubled).</summary>
    public static string Phrase(string folded) => "\"" + folded.Replace("\"", "\"\"") + "\"";

    /// <summary>Text for LIKE … ESCAPE '!': its own wildcards and escape character match themselves.</summary>
    public static string EscapeLike(string text) => text.Replace("!", "!!").Replace("%", "!%").Replace("_", "!_");
}
