using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Sessions;

public sealed class LogoutModel(SignInManager<AppUser> signIn, ISessionService sessions, IImpersonationService impersonations) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/login");

    public Task<IActionResult> OnPostAsync() => SignOutAsync(everywhere: false);

    /// <summary>Ends every session of the person at the keyboard, on every browser and instance, at its next request.</summary>
    public Task<IActionResult> OnPostEverywhereAsync() => SignOutAsync(everywhere: true);

    private async Task<IActionResult> SignOutAsync(bool everywhere)
    {
        var cancellation = HttpContext.RequestAborted;
        var impersonation = ImpersonationClaims.From(User);
        if (impersonation is not null)
        {
            await impersonations.EndAsync(impersonation.Id, ImpersonationEnd.ImpersonatorSignedOut, cancellation);
        }

        // The session belongs to the person at the keyboard: the impersonator, while logged in as someone.
        if ((impersonation?.ImpersonatorId ?? User.FindUserId()) is { } person)
        {
            if (everywhere)
            {
                await sessions.EndAllAsync(person, null, SessionEnd.SignedOutEverywhere, cancellation);
            }

            await sessions.RecordSignOutAsync(person, SessionValidation.SessionOf(User), cancellation);
        }

        await signIn.SignOutAsync();
        new StatusMessage(StatusKind.Success, everywhere ? "You are signed out everywhere." : "You are signed out.").Keep(TempData);
        return Redirect("/login");
    }
}
