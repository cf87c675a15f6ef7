using System.Security.Claims;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// What follows a right password: the session, or for a user with two-factor on the second step (unless this browser was
/// remembered after a code). The sign-in waiting for its code is Identity's TwoFactorUserId cookie, naming the user, the
/// name as typed (wrong codes count against it as wrong passwords do) and whether to keep them signed in.
/// </summary>
public sealed class PortalSignIn(
    SignInManager<AppUser> signIn, ISessionService sessions, IUserProfiles profiles, ITwoFactorRequirements requirements, IHttpContextAccessor accessor)
{
    public const string CodeStepUrl = "/login/two-factor";
    public const string PasskeyRequiredUrl = "/login?need=passkey";

    private const string NameClaim = "accountadmin:sign_in_name";
    private const string PersistentClaim = "accountadmin:persistent";

    /// <summary>A sign-in whose password was right, waiting for its second factor.</summary>
    public sealed record Pending(Guid UserId, string SignInName, bool Persistent);

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No request.");

    /// <summary>Where the browser goes after the right password; <paramref name="returnUrl"/> is local or null.</summary>
    public async Task<string> AfterPasswordAsync(AppUser user, string signInName, bool persistent, string? returnUrl)
    {
        // Who must use a second factor and has only passkeys signs in with a passkey: a password alone is not enough.
        if (!user.TwoFactorEnabled && user.PasskeyCount > 0 && await requirements.AppliesToAsync(user, Http.RequestAborted))
        {
            return PasskeyRequiredUrl;
        }

        if (!TwoFactorRules.AsksForCode(user))
        {
            return await CompleteAsync(user, persistent, SignInMethod.Password, returnUrl);
        }

        if (await signIn.IsTwoFactorClientRememberedAsync(user))
        {
            return await CompleteAsync(user, persistent, SignInMethod.PasswordOnRememberedBrowser, returnUrl);
        }

        var pending = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        pending.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString()));
        pending.AddClaim(new Claim(NameClaim, signInName));
        pending.AddClaim(new Claim(PersistentClaim, persistent ? "true" : "false"));
        await Http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
        return returnUrl is { Length: > 0 } ? QueryHelpers.AddQueryString(CodeStepUrl, "returnUrl", returnUrl) : CodeStepUrl;
    }

    /// <summary>The sign-in waiting for its second factor in this browser; null when there is none, or it has expired.</summary>
    public async Task<Pending?> PendingAsync()
    {
        var result = await Http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var principal = result.Principal;
        return principal is not null && Guid.TryParse(principal.FindFirstValue(ClaimTypes.Name), out var userId)
            ? new Pending(userId, principal.FindFirstValue(NameClaim) ?? "", principal.FindFirstValue(PersistentClaim) == "true")
            : null;
    }

    /// <summary>
    /// Signs the user in (a new server-side session), remembers this browser when asked, records how they proved who they
    /// are, and says where to go: the set-up page for a user who must set up a second factor first, else the page asked for,
    /// else their landing page.
    /// </summary>
    public async Task<string> CompleteAsync(AppUser user, bool persistent, SignInMethod method, string? returnUrl, bool rememberBrowser = false)
    {
        await Http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInAsync(user, persistent, method == SignInMethod.Password ? "pwd" : "mfa");
        if (rememberBrowser)
        {
            await signIn.RememberTwoFactorClientAsync(user);
        }

        await sessions.RecordSignInAsync(user.Id, method, Http.RequestAborted);
        var mustSetUp = Http.Items.TryGetValue(PortalClaimsFactory.MustSetUpKey, out var asked) && asked is bool known
            ? known
            : await requirements.MustSetUpAsync(user, Http.RequestAborted);
        if (mustSetUp)
        {
            return SecondFactorRequirement.SetupUrl;
        }

        // No page asked for: the user's own landing page (seed 004).
        return returnUrl is { Length: > 0 } url && url != "/" ? url : Landings.Url(await profiles.LandingAsync(user.Id, Http.RequestAborted));
    }
}
