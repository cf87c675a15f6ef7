using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Core.TwoFactor;

/// <summary>Identity's two-factor state of a user, changed in the ways the portal changes it.</summary>
internal static class SecondFactors
{
    /// <summary>
    /// Turns the second factor off: the flag, a fresh key (the old app's codes stop working) and no recovery codes. The
    /// security stamp rotates, so every session and remembered browser of the user ends at its next request.
    /// </summary>
    public static async Task<bool> TurnOffAsync(UserManager<AppUser> users, IUserStore<AppUser> store, AppUser user, CancellationToken cancellationToken)
    {
        if (!(await users.SetTwoFactorEnabledAsync(user, false)).Succeeded || !(await users.ResetAuthenticatorKeyAsync(user)).Succeeded)
        {
            return false;
        }

        await ((IUserTwoFactorRecoveryCodeStore<AppUser>)store).ReplaceCodesAsync(user, [], cancellationToken);
        return (await users.UpdateAsync(user)).Succeeded;
    }
}
