using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile.TwoFactor;

/// <summary>My two-factor sign-in: whether it is on, and setting it up with an authenticator app, confirmed by a first code.</summary>
public sealed class IndexModel(ITwoFactorSettings settings, SignInManager<AppUser> signIn, IRecentSignIn recent) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code your authenticator app shows.")]
        [Display(Name = "Code from the app")]
        [StringLength(64)]
        public string Code { get; set; } = "";
    }

    public TwoFactorStatus Status { get; private set; } = new(false, 0, 0);

    /// <summary>The key to set the app up with; null when two-factor is on, or while logged in as someone else.</summary>
    public AuthenticatorSetup? Setup { get; private set; }

    public bool MustSetUp => User.HasClaim(PortalClaims.MustSetUpSecondFactor, "true");

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();

        // Setting it up changes how the user signs in: a sign-in of a while ago confirms it's them first.
        return Setup is not null && await this.ConfirmFirstAsync(recent) is { } confirm ? confirm : Page();
    }

    /// <summary>Turns two-factor on with the app's first code, then shows the recovery codes, once.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var userId = User.GetUserId();
        var enabled = await settings.EnableAsync(userId, Input.Code, HttpContext.RequestAborted);
        if (enabled.Result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (RecentSignInPages.AsksToConfirm(enabled.Result))
        {
            return this.ConfirmFirst();
        }

        if (!enabled.Result.Succeeded)
        {
            ModelState.AddErrors(enabled.Result.Errors, "Input.");
            await LoadAsync();
            return Page();
        }

        // Turning it on rotated the security stamp: this session gets a fresh cookie, every other one has ended.
        await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(userId.ToString()))!);
        RecoveryCodesShown.Keep(TempData, enabled.Codes);
        new StatusMessage(StatusKind.Success, "Two-factor sign-in is on. Other browsers signed in as you have been signed out.").Keep(TempData);
        return LocalRedirect("/profile/two-factor/recovery-codes");
    }

    private async Task LoadAsync()
    {
        var userId = User.GetUserId();
        Status = await settings.StatusAsync(userId, HttpContext.RequestAborted);
        Setup = Status.Enabled ? null : await settings.SetupAsync(userId, HttpContext.RequestAborted);
    }
}
