using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Sessions;

/// <summary>The second step of signing in: the code the authenticator app shows, after the right password.</summary>
public sealed class TwoFactorModel(PortalSignIn portal, ITwoFactorSignIn twoFactor) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code your authenticator app shows.")]
        [Display(Name = "Code from your authenticator app")]
        [StringLength(64)]
        public string Code { get; set; } = "";

        [Display(Name = "Don't ask for a code on this browser for 30 days")]
        public bool RememberBrowser { get; set; }
    }

    public string? SafeReturnUrl => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : null;

    public async Task<IActionResult> OnGetAsync() => await portal.PendingAsync() is null ? Expired() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await portal.PendingAsync() is not { } pending)
        {
            return Expired();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var attempt = await twoFactor.WithCodeAsync(
            pending.UserId, pending.SignInName, HttpContext.Connection.RemoteIpAddress?.ToString(), Input.Code, HttpContext.RequestAborted);
        if (attempt.User is { } user)
        {
            return LocalRedirect(await portal.CompleteAsync(
                user, pending.Persistent, SignInMethod.PasswordAndAuthenticatorCode, SafeReturnUrl, Input.RememberBrowser));
        }

        if (attempt.Errors.Contains(TwoFactorErrors.SignInExpired))
        {
            return Expired();
        }

        ModelState.AddErrors(attempt.Errors, "Input.");
        return Page();
    }

    private RedirectResult Expired()
    {
        new StatusMessage(StatusKind.Warning, TwoFactorErrors.SignInExpired.Message).Keep(TempData);
        return Redirect("/login");
    }
}
