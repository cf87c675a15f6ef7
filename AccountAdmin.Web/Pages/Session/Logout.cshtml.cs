using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Session;

public sealed class LogoutModel(SignInManager<AppUser> signIn, ISessionService sessions, IImpersonationService impersonations) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/login");

    public async Task<IActionResult> OnPostAsync()
    {
        if (ImpersonationClaims.From(User) is { } impersonation)
        {
            await impersonations.EndAsync(impersonation.Id, ImpersonationEnd.ImpersonatorSignedOut, HttpContext.RequestAborted);
        }
        else if (User.FindUserId() is { } userId)
        {
            await sessions.RecordSignOutAsync(userId, HttpContext.RequestAborted);
        }

        await signIn.SignOutAsync();
        new StatusMessage(StatusKind.Success, "You are signed out.").Keep(TempData);
        return Redirect("/login");
    }
}
