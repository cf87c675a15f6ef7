using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Passkeys;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>
/// "Confirm it's you": before adding or removing a second factor in a sign-in older than a few minutes, the current
/// password again, or a passkey of the user's; then back to the page that asked.
/// </summary>
public sealed class ConfirmModel(IRecentSignIn recent, SignInManager<AppUser> signIn, IPasskeys passkeys) : PageModel
{
    /// <summary>Where to send a browser whose sign-in is too old for the change it is about to make.</summary>
    public static string For(string returnUrl) => $"/profile/confirm?returnUrl={Uri.EscapeDataString(returnUrl)}";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Your password")]
    [StringLength(512)]
    public string Password { get; set; } = "";

    public string? PasskeyError { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var confirmed = await recent.ConfirmWithPasswordAsync(User.GetUserId(), Password, HttpContext.RequestAborted);
        return After(confirmed);
    }

    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(await signIn.UserManager.FindByIdAsync(User.GetUserId().ToString())), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credential, [FromForm] string? error)
    {
        ModelState.Clear();
        if (credential is not { Length: > 0 } || error is { Length: > 0 } || await PasskeyCeremonies.AssertAsync(signIn, credential) is not var (user, passkey)
            || !await passkeys.UsedAsync(user, passkey, HttpContext.RequestAborted))
        {
            PasskeyError = error == "cancelled" ? "No passkey was chosen. Try again, or enter your password." : "That passkey did not confirm it's you. Try again, or enter your password.";
            return Page();
        }

        var confirmed = await recent.ConfirmWithPasskeyAsync(User.GetUserId(), user, HttpContext.RequestAborted);
        if (!confirmed.Succeeded && confirmed.Status != CommandStatus.NotFound)
        {
            PasskeyError = confirmed.Errors.First().Message;
            return Page();
        }

        return After(confirmed);
    }

    private IActionResult After(CommandResult confirmed)
    {
        if (confirmed.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!confirmed.Succeeded)
        {
            ModelState.AddErrors(confirmed.Errors);
            return Page();
        }

        new StatusMessage(StatusKind.Success, "Thanks: you can make the change now.").Keep(TempData);
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/profile");
    }
}
