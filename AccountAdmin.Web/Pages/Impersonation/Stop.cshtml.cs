using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Impersonation;

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
        var impersonator = await signIn.UserManager.FindByIdAsync(impersonation.ImpersonatorId.ToString());
        if (impersonator is null || impersonator.ArchivedAt is not null || impersonator.SecurityStamp != impersonation.ImpersonatorStamp)
        {
            await signIn.SignOutAsync();
            return LocalRedirect("/login");
        }

        await signIn.SignInAsync(impersonator, isPersistent: false);
        new StatusMessage(StatusKind.Success, "You are back in your own account.").Keep(TempData);
        return LocalRedirect(impersonation.AccountId is { } account ? $"/accounts/{account}/users" : "/support");
    }
}
