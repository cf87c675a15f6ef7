using System.Text.Json;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Identity's WebAuthn verification of what a browser posted. Its challenge waits in the TwoFactorUserId cookie and is
/// used once; a missing, expired or replayed one, or JSON that is no credential, is a failed ceremony like any other.
/// </summary>
public static class PasskeyCeremonies
{
    /// <summary>The new passkey, verified; null when it isn't one.</summary>
    public static async Task<UserPasskeyInfo?> AttestAsync(SignInManager<AppUser> signIn, string credentialJson)
    {
        try
        {
            var result = await signIn.PerformPasskeyAttestationAsync(credentialJson);
            return result.Succeeded ? result.Passkey : null;
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The user and passkey a sign-in proved; null when it proved nothing.</summary>
    public static async Task<(AppUser User, UserPasskeyInfo Passkey)?> AssertAsync(SignInManager<AppUser> signIn, string credentialJson)
    {
        try
        {
            var result = await signIn.PerformPasskeyAssertionAsync(credentialJson);
            return result.Succeeded ? (result.User, result.Passkey) : null;
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
