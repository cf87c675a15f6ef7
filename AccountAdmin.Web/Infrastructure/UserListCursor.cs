using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.DataProtection;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Page links of the user list carry the sort key of the row next to the page, signed and bound to the
/// account and the sort order, so that an altered or foreign link is recognised and turned away.
/// </summary>
public sealed class UserListCursor(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("AccountAdmin.UserList.Cursor.v1");

    public string Encode(Guid accountId, UserSort sort, bool descending, string key) =>
        protector.Protect($"{accountId:N}|{(int)sort}|{(descending ? 1 : 0)}|{key}");

    /// <summary>The key in <paramref name="token"/>, or null when it was altered or made for another list.</summary>
    public string? Decode(string token, Guid accountId, UserSort sort, bool descending)
    {
        try
        {
            var parts = protector.Unprotect(token).Split('|', 4);
            return parts.Length == 4 && parts[0] == accountId.ToString("N") && parts[1] == ((int)sort).ToString()
                && parts[2] == (descending ? "1" : "0")
                ? parts[3]
                : null;
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
