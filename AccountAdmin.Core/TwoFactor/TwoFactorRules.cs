using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.TwoFactor;

/// <summary>Who must have a second factor, and how codes and keys are read and written.</summary>
public static class TwoFactorRules
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "AccountAdmin";

    /// <summary>Whether a sign-in with the right password goes on to ask for a code.</summary>
    public static bool AsksForCode(AppUser user) => user.TwoFactorEnabled;

    /// <summary>A code as typed ("123 456", "123-456"), as six digits; null when it can't be one.</summary>
    public static string? Code(string? typed)
    {
        var digits = Compact(typed);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>A recovery code as typed, in any case, with or without its dash, as Identity writes it ("BCDFG-23456"); null when it can't be one.</summary>
    public static string? RecoveryCode(string? typed)
    {
        var code = Compact(typed).ToUpperInvariant();
        return code.Length == 10 && code.All(char.IsAsciiLetterOrDigit) ? $"{code[..5]}-{code[5..]}" : null;
    }

    /// <summary>The shared key in groups of four, lower case, for typing into an app by hand.</summary>
    public static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(group => new string(group)));

    /// <summary>The otpauth: address an authenticator app reads from the QR code (Google's Key Uri Format).</summary>
    public static string AuthenticatorUri(string accountName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(accountName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    private static string Compact(string? typed) =>
        new((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
