using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Invitations;

public sealed class AcceptModel(IInvitationService invitations, SignInManager<AppUser> signIn, ISessionService sessions, PortalSignIn portal) : PageModel
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

        var user = (await signIn.UserManager.FindByIdAsync(Invited.Id.ToString()))!;
        if (AccountAdmin.Core.TwoFactor.TwoFactorRules.AsksForCode(user))
        {
            // A link proves the mailbox, not the second factor: a restored user with two-factor on still enters a code.
            var next = await portal.AfterPasswordAsync(user, user.Email!, persistent: false, returnUrl: null);
            new StatusMessage(StatusKind.Success, next.StartsWith(PortalSignIn.CodeStepUrl, StringComparison.Ordinal)
                ? "Your password is set. Enter the code from your authenticator app to sign in."
                : "Your password is set and you are signed in.").Keep(TempData);
            return LocalRedirect(next);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        await sessions.RecordSignInAsync(user.Id, SignInMethod.Password, HttpContext.RequestAborted);
        new StatusMessage(StatusKind.Success, "Your password is set and you are signed in.").Keep(TempData);
        return LocalRedirect("/");
    }
}
