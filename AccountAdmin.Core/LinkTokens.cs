using System.Buffers.Text;
using System.Text;

namespace AccountAdmin.Core;

/// <summary>The token in an e-mailed link: the user's id and Identity's token for them, in one URL-safe piece.</summary>
public static class LinkTokens
{
    public static string Pack(Guid userId, string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{userId:N}.{token}"));

    /// <summary>The user and Identity's token; null when the link was altered into something else.</summary>
    public static (Guid UserId, string Token)? Unpack(string packed)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(packed));
            var dot = text.IndexOf('.');
            return dot == 32 && Guid.TryParseExact(text[..dot], "N", out var id) ? (id, text[(dot + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
