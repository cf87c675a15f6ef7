using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Invitations;

public sealed class AcceptModel(IInvitationService invitations, SignInManager<AppUser> signIn, PortalSignIn portal) : PageModel
{
    [FromRoute]
    public string Token { get; set; } = "";

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public AppUser? Invited { get; private set; }

    public IdentityOptions Rules => signIn.Options;

    public async Task<IActionResult> OnGetAsync()
    {
        Invited = await invitations.FindAsync(Token);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Invited = await invitations.FindAsync(Token);
        if (Invited is null || !ModelState.IsValid)
        {
            return Page();
        }

        var result = await invitations.SetPasswordAsync(Token, Input.Password, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, "Input.");

            return Page();
        }

        // A link proves the mailbox, not the second factor: what follows is what follows the right password at /login.
        var user = (await signIn.UserManager.FindByIdAsync(Invited.Id.ToString()))!;
        var next = await portal.AfterPasswordAsync(user, user.Email!, persistent: false, returnUrl: null);
        new StatusMessage(StatusKind.Success, next switch
        {
            PortalSignIn.PasskeyRequiredUrl => "Your password is set. Sign in with your passkey: your password alone is not enough for your account.",
            _ when next.StartsWith(PortalSignIn.CodeStepUrl, StringComparison.Ordinal) => "Your password is set. Enter the code from your authenticator app to sign in.",
            _ => "Your password is set and you are signed in.",
        }).Keep(TempData);
        return LocalRedirect(next);
    }
}
