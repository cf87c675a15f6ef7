using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Impersonations;

/// <summary>Return to my account: ends the impersonation and re-issues the impersonator's own session cookie.</summary>
public sealed class StopModel(IImpersonationService impersonations, SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => ImpersonationClaims.From(User) is null ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ImpersonationClaims.From(User) is not { } impersonation)
        {
            return LocalRedirect("/");
        }

        await impersonations.EndAsync(impersonation.Id, ImpersonationEnd.Returned, HttpContext.RequestAborted);
        if (await ImpersonationPrincipals.ForImpersonatorAsync(signIn, impersonation) is not { } principal)
        {
            await signIn.SignOutAsync();
            return LocalRedirect("/login");
        }

        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        new StatusMessage(StatusKind.Success, "You are back in your own account.").Keep(TempData);
        return LocalRedirect(impersonation.AccountId is { } account ? $"/accounts/{account}/users" : "/support");
    }
}
