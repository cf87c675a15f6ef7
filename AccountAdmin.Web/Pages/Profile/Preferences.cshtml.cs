using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>My contact preferences (seeds 001 and 004).</summary>
public sealed class PreferencesModel(ProfileScreenLoader loader, IUserProfiles profiles) : ProfileFormPageModel(loader)
{
    [BindProperty]
    public SettingsInput Preferences { get; set; } = new();

    protected override ProfileForm Form => ProfileForm.Preferences;

    protected override void KeepPosted(ProfileScreen screen) => screen.Preferences = Preferences;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return await ShowAsync();
        }

        var result = await profiles.UpdateOwnPreferencesAsync(User.GetUserId(), Preferences.ToValues(), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            return Saved("Your preferences are saved.");
        }

        // Core names the settings "Settings."; this form binds them as its Preferences.
        ModelState.AddErrors(result.Errors.Select(e => e with { Field = e.Field.Replace("Settings.", "", StringComparison.Ordinal) }), $"{nameof(Preferences)}.");
        return await ShowAsync();
    }
}
