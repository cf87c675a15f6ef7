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
            var impersonator = await impersonations.EndAsync(impersonation.Id, ImpersonationEnd.ImpersonatorSignedOut, HttpContext.RequestAborted);
            await sessions.RecordSignOutAsync(impersonator ?? impersonation.ImpersonatorId, SessionValidation.SessionOf(User), HttpContext.RequestAborted);
        }
        else if (User.FindUserId() is { } userId)
        {
            await sessions.RecordSignOutAsync(userId, SessionValidation.SessionOf(User), HttpContext.RequestAborted);
        }

        await signIn.SignOutAsync();
        new StatusMessage(StatusKind.Success, "You are signed out.").Keep(TempData);
        return Redirect("/login");
    }

    /// <summary>Ends every session of the person at the keyboard, on every browser and instance, at its next request.</summary>
    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        var person = ImpersonationClaims.From(User)?.ImpersonatorId ?? User.FindUserId();
        if (ImpersonationClaims.From(User) is { } impersonation)
        {
            await impersonations.EndAsync(impersonation.Id, ImpersonationEnd.ImpersonatorSignedOut, HttpContext.RequestAborted);
        }

        if (person is { } userId)
        {
            await sessions.EndAllAsync(userId, null, SessionEnd.SignedOutEverywhere, HttpContext.RequestAborted);
            await sessions.RecordSignOutAsync(userId, null, HttpContext.RequestAborted);
        }

        await signIn.SignOutAsync();
        new StatusMessage(StatusKind.Success, "You are signed out everywhere.").Keep(TempData);
        return Redirect("/login");
    }
}
