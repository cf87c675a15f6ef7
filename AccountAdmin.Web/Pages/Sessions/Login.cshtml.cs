using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Passkeys;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Sessions;

public sealed class LoginModel(
    PortalSignIn portal, ISessionService sessions, ISignInSecurity security, SignInManager<AppUser> signIn, IPasskeys passkeys) : PageModel
{
    public const string InvalidMessage = "The sign-in name or password is not right.";
    public const string PasskeyFailedMessage = "That passkey did not sign you in. Try again, or sign in with your password.";
    public const string PasskeyRequiredMessage =
        "Your password was right, but you must also prove it's you with a second factor: sign in with your passkey.";
    public const string PasskeyCancelledMessage = "No passkey was chosen: the request was cancelled or timed out. Try again, or sign in with your password.";
    public const string LockedMessage =
        "Too many failed attempts: signing in with this name is locked for a few minutes. Try again later, or ask an administrator to set a new password.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the last passkey sign-in failed, shown at its own button.</summary>
    public string? PasskeyError { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address or username.")]
        [Display(Name = "E-mail or username")]
        [StringLength(256)]
        public string SignInName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [StringLength(512)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }

    public IActionResult OnGet(string? need)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl);
        }

        PasskeyError = need == "passkey" ? PasskeyRequiredMessage : null;

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var attempt = await security.AttemptAsync(
            Input.SignInName, Input.Password, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        if (attempt.User is { } user)
        {
            return LocalRedirect(await portal.AfterPasswordAsync(user, Input.SignInName, Input.RememberMe, ReturnUrl is { Length: > 0 } ? SafeReturnUrl : null));
        }

        var named = await sessions.FindBySignInNameAsync(Input.SignInName, HttpContext.RequestAborted);
        await sessions.RecordFailedSignInAsync(named?.Id, Input.SignInName, attempt.LockedOut, HttpContext.RequestAborted);
        ModelState.AddModelError("", attempt.LockedOut ? LockedMessage : InvalidMessage);
        return Page();
    }

    /// <summary>
    /// The challenge the browser signs with a passkey. Any passkey of this site may answer (no user is named, so the page
    /// reveals nobody's passkeys); the challenge waits, once, in a cookie.
    /// </summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    /// <summary>Signs in with a passkey alone: Identity verifies the signature, Core says whether its user may sign in.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credential, [FromForm] string? error)
    {
        ModelState.Clear();
        if (credential is not { Length: > 0 } || error is { Length: > 0 })
        {
            PasskeyError = error == "cancelled" ? PasskeyCancelledMessage : PasskeyFailedMessage;
            return Page();
        }

        if (await PasskeyCeremonies.AssertAsync(signIn, credential) is not var (user, passkey)
            || !await passkeys.UsedAsync(user, passkey, HttpContext.RequestAborted))
        {
            await sessions.RecordFailedSignInAsync(null, "a passkey", lockedOut: false, HttpContext.RequestAborted);
            PasskeyError = PasskeyFailedMessage;
            return Page();
        }

        return LocalRedirect(await portal.CompleteAsync(user, false, SignInMethod.Passkey, ReturnUrl is { Length: > 0 } ? SafeReturnUrl : null));
    }

    private string SafeReturnUrl => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";
}
