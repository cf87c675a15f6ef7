using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>The user page's profile form: details, agent sections and picture.</summary>
public sealed class ProfileModel(IAccessService access, CurrentAccount current, UserScreenLoader loader, IUserProfiles profiles)
    : UserFormPageModel(access, current, loader)
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    protected override UserForm Form => UserForm.Profile;

    protected override string FieldPrefix => "Input.";

    protected override void KeepPosted(UserScreen screen) => screen.Input = Input;

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Show();
        }

        var update = Input.ToUpdate(Screen.Profile.CanEditProtected, await Input.PictureBytesAsync(HttpContext.RequestAborted));
        var result = await profiles.UpdateAsync(User.GetUserId(), AccountId, UserId, update, HttpContext.RequestAborted);
        var newAddress = update.Email?.Trim() is { Length: > 0 } email && !string.Equals(email, Screen.Profile.Email, StringComparison.OrdinalIgnoreCase)
            ? email
            : null;
        var name = Screen.Profile.CanEditProtected && $"{Input.FirstName?.Trim()} {Input.LastName?.Trim()}".Trim() is { Length: > 0 } typed ? typed : Screen.Name;
        return await AfterSaveAsync(result, newAddress is null
            ? $"{name}'s profile and settings were saved."
            : $"{name}'s profile and settings were saved. The e-mail changes to {newAddress} once that address confirms it: a link is on its way there, and the current address is told.");
    }
}
