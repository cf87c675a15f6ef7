using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile.TwoFactor;

/// <summary>Turning my two-factor sign-in off, after my current password.</summary>
public sealed class DisableModel(ITwoFactorSettings settings, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public CurrentPasswordInput Input { get; set; } = new();

    public bool SupportStaff => User.HasClaim(PortalClaims.SupportStaff, "true");

    public async Task<IActionResult> OnGetAsync() =>
        (await settings.StatusAsync(User.GetUserId(), HttpContext.RequestAborted)).Enabled ? Page() : LocalRedirect("/profile/two-factor");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userId = User.GetUserId();
        var result = await settings.DisableAsync(userId, Input.CurrentPassword, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, "Input.");
            return Page();
        }

        await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(userId.ToString()))!);
        new StatusMessage(
            SupportStaff ? StatusKind.Warning : StatusKind.Success,
            SupportStaff
                ? "Two-factor sign-in is off, and other browsers have been signed out. Support staff must use it: set it up again, with your new phone."
                : "Two-factor sign-in is off: signing in asks for your password alone. Other browsers have been signed out.").Keep(TempData);
        return LocalRedirect("/profile/two-factor");
    }
}
