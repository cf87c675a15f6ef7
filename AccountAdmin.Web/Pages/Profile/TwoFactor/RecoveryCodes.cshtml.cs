using AccountAdmin.Core;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile.TwoFactor;

/// <summary>New recovery codes, shown once right after they are made; making them again asks for the current password.</summary>
public sealed class RecoveryCodesModel(ITwoFactorSettings settings) : PageModel
{
    [BindProperty]
    public CurrentPasswordInput Input { get; set; } = new();

    /// <summary>The codes just made, shown this once; empty on any later visit.</summary>
    public IReadOnlyList<string> Codes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Codes = RecoveryCodesShown.Take(TempData);
        if (Codes.Count == 0 && !(await settings.StatusAsync(User.GetUserId(), HttpContext.RequestAborted)).Enabled)
        {
            return LocalRedirect("/profile/two-factor");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var made = await settings.NewRecoveryCodesAsync(User.GetUserId(), Input.CurrentPassword, HttpContext.RequestAborted);
        if (made.Result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!made.Result.Succeeded)
        {
            ModelState.AddErrors(made.Result.Errors, "Input.");
            return Page();
        }

        RecoveryCodesShown.Keep(TempData, made.Codes);
        new StatusMessage(StatusKind.Success, "New recovery codes are made; the old ones no longer work.").Keep(TempData);
        return LocalRedirect("/profile/two-factor/recovery-codes");
    }
}
