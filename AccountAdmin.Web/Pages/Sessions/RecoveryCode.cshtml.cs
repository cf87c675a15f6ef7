using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Sessions;

/// <summary>The second step of signing in with one of the recovery codes instead of the app's code; each works once.</summary>
public sealed class RecoveryCodeModel(PortalSignIn portal, ITwoFactorSignIn twoFactor) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter one of your recovery codes.")]
        [Display(Name = "Recovery code")]
        [StringLength(64)]
        public string RecoveryCode { get; set; } = "";
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

        var attempt = await twoFactor.WithRecoveryCodeAsync(
            pending.UserId, pending.SignInName, HttpContext.Connection.RemoteIpAddress?.ToString(), Input.RecoveryCode, HttpContext.RequestAborted);
        if (attempt.User is { } user)
        {
            var next = await portal.CompleteAsync(user, pending.Persistent, SignInMethod.PasswordAndRecoveryCode, SafeReturnUrl);
            new StatusMessage(
                attempt.RecoveryCodesLeft <= 3 ? StatusKind.Warning : StatusKind.Success,
                $"You signed in with a recovery code, which now no longer works; you have {English.Count(attempt.RecoveryCodesLeft, "recovery code")} left."
                + (attempt.RecoveryCodesLeft <= 3 ? " Make new ones on your profile, under Two-factor sign-in." : "")).Keep(TempData);
            return LocalRedirect(next);
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
