using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>The user page's password form, saved on its own: the user's sessions end.</summary>
public sealed class PasswordModel(IAccessService access, CurrentAccount current, UserScreenLoader loader, IUserProfiles profiles)
    : UserFormPageModel(access, current, loader)
{
    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    protected override UserForm Form => UserForm.Password;

    protected override string FieldPrefix => "Password.";

    protected override void KeepPosted(UserScreen screen) => screen.Password = Password;

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        if (string.IsNullOrEmpty(Password.NewPassword))
        {
            ModelState.AddModelError("Password.NewPassword", "Enter the new password.");
        }

        if (!ModelState.IsValid)
        {
            return Show();
        }

        var result = await profiles.SetPasswordAsync(User.GetUserId(), AccountId, UserId, Password.NewPassword!, HttpContext.RequestAborted);
        return await AfterSaveAsync(result, $"{Screen.Name}'s password was saved. Their sessions have ended; they sign in with the new password.");
    }
}
