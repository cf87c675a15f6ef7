using System.Globalization;

namespace AccountAdmin.Core.Model;

/// <summary>
/// Sort keys of the user lists. Each ends with the user's unique e-mail, so every key is
/// unique and a keyset cursor needs no second column. Compared ordinally everywhere
/// (SQLite's BINARY, PostgreSQL's "C" collation, string.CompareOrdinal).
/// </summary>
public static class DirectoryKeys
{
    private const char Separator = '\u001f';

    public static string Name(AppUser user) =>
        Fold($"{user.FirstName} {user.LastName}") + Separator + Email(user);

    public static string Email(AppUser user) => Fold(user.Email ?? "");

    public static string SignIn(AppUser user) =>
        (user.LastSignInAt?.Ticks ?? 0).ToString("D19", CultureInfo.InvariantCulture) + Separator + Email(user);

    /// <summary>Lower-cased search text, matched with LIKE against the name key.</summary>
    public static string Fold(string text) => text.Trim().ToLowerInvariant();
}
