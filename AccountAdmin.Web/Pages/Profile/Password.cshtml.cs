using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>Change my password: this session stays, every other one ends.</summary>
public sealed class PasswordModel(ProfileScreenLoader loader, IPasswordService passwords, SignInManager<AppUser> signIn) : ProfileFormPageModel(loader)
{
    [BindProperty]
    public ChangePasswordInput Password { get; set; } = new();

    protected override ProfileForm Form => ProfileForm.Password;

    protected override void KeepPosted(ProfileScreen screen) => screen.Password = Password;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return await ShowAsync();
        }

        var userId = User.GetUserId();
        var result = await passwords.ChangeAsync(userId, Password.CurrentPassword, Password.NewPassword, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, $"{nameof(Password)}.");
            return await ShowAsync();
        }

        // The password change rotated the security stamp: this session gets a fresh cookie, every other one ends.
        await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(userId.ToString()))!);
        return Saved("Your password is changed. Other devices have been signed out.");
    }
}
