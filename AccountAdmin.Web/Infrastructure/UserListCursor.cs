using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.DataProtection;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Page links of the user lists carry the sort key of the row next to the page, signed and bound to the
/// account and to the list and order they were made for, so that an altered or foreign link is recognised and turned away.
/// </summary>
public sealed class UserListCursor(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("AccountAdmin.UserList.Cursor.v1");

    public static string ListOf(UserSort sort, bool descending) => $"users-{(int)sort}-{(descending ? 1 : 0)}";

    public const string Archived = "archived";

    public string Encode(Guid accountId, string list, string key) => protector.Protect($"{accountId:N}|{list}|{key}");

    /// <summary>The key in <paramref name="token"/>, or null when it was altered or made for another list.</summary>
    public string? Decode(string token, Guid accountId, string list)
    {
        try
        {
            var parts = protector.Unprotect(token).Split('|', 3);
            return parts.Length == 3 && parts[0] == accountId.ToString("N") && parts[1] == list ? parts[2] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
