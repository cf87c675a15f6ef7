using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile;

public sealed class IndexModel(
    IAccountDirectory accounts, IOwnerRemovals removals, IPasswordService passwords, IUserProfiles profiles, IImpersonationService impersonations,
    SignInManager<AppUser> signIn)
    : PageModel
{
    public PasswordInput Password { get; set; } = new();

    /// <summary>My contact preferences (seeds 001 and 004).</summary>
    public SettingsInput Preferences { get; set; } = new();

    public GrantSummary Grants { get; private set; } = new([], [], []);

    public IReadOnlyList<PendingOwnerRemoval> Pending { get; private set; } = [];

    /// <summary>When someone logged in as me, by whom and why (seed 004).</summary>
    public IReadOnlyList<ImpersonationRecord> Impersonations { get; private set; } = [];

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        [StringLength(512)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPreferencesAsync()
    {
        await TryUpdateModelAsync(Preferences, nameof(Preferences));
        if (ModelState.IsValid)
        {
            var result = await profiles.UpdateOwnPreferencesAsync(User.GetUserId(), Preferences.ToValues(), HttpContext.RequestAborted);
            if (result.Succeeded)
            {
                new StatusMessage(StatusKind.Success, "Your preferences are saved.").Keep(TempData);
                return RedirectToPage();
            }

            // Core names the settings "Settings."; this form binds them as its Preferences.
            ModelState.AddErrors(result.Errors.Select(e => e with { Field = e.Field.Replace("Settings.", "", StringComparison.Ordinal) }), $"{nameof(Preferences)}.");
        }

        await LoadAsync(keepPreferences: true);
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        await TryUpdateModelAsync(Password, nameof(Password));
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var userId = User.GetUserId();
        var result = await passwords.ChangeAsync(userId, Password.CurrentPassword, Password.NewPassword, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, $"{nameof(Password)}.");

            await LoadAsync();
            return Page();
        }

        // The password change rotated the security stamp: this session gets a fresh cookie, every other one ends.
        await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(userId.ToString()))!);
        new StatusMessage(StatusKind.Success, "Your password is changed. Other devices have been signed out.").Keep(TempData);
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid requestId) => DecideAsync(requestId, approve: true);

    public Task<IActionResult> OnPostDeclineAsync(Guid requestId) => DecideAsync(requestId, approve: false);

    private async Task<IActionResult> DecideAsync(Guid requestId, bool approve)
    {
        var result = await removals.DecideAsync(User.GetUserId(), requestId, approve, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        new StatusMessage(
            result.Succeeded ? StatusKind.Success : StatusKind.Error,
            result.Succeeded
                ? approve ? "You are no longer an Owner there. The other Owners have been told." : "You declined; you remain an Owner."
                : string.Join(" ", result.Errors.Select(e => e.Message))).Keep(TempData);
        return RedirectToPage();
    }

    private async Task LoadAsync(bool keepPreferences = false)
    {
        var userId = User.GetUserId();
        if (!keepPreferences)
        {
            Preferences = SettingsInput.From(await profiles.SettingsOfAsync(userId, HttpContext.RequestAborted));
        }

        Grants = await accounts.DescribeGrantsAsync(userId, HttpContext.RequestAborted);
        Pending = await removals.PendingForAsync(userId, HttpContext.RequestAborted);
        Impersonations = await impersonations.OfUserAsync(userId, 20, HttpContext.RequestAborted);
    }
}
