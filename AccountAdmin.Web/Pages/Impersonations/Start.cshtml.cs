using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Impersonations;

/// <summary>"Log in as" (seed 004): a confirmation, then a POST that re-issues the session cookie as the user.</summary>
public sealed class StartModel(IImpersonationService impersonations, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? AccountId { get; set; }

    [BindProperty]
    [Display(Name = "Reason")]
    [DataType(DataType.MultilineText)]
    public string? Reason { get; set; }

    public ImpersonationPreview? Preview { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (result, preview) = await impersonations.PreviewAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
        Preview = preview;
        Refusal = result.Errors.FirstOrDefault()?.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (result, session) = await impersonations.StartAsync(User.GetUserId(), AccountId, UserId, Reason, HttpContext.RequestAborted);
        if (session is null)
        {
            (_, Preview) = await impersonations.PreviewAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
            ModelState.AddErrors(result.Errors.Where(e => e.Field.Length > 0));
            Refusal = result.Errors.FirstOrDefault(e => e.Field.Length == 0)?.Message;

            return Page();
        }

        var user = await signIn.UserManager.FindByIdAsync(session.UserId.ToString());
        var principal = await ImpersonationPrincipals.ForUserAsync(signIn, user!, session);
        // A new cookie for the impersonated session; the impersonator's own comes back on return.
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        new StatusMessage(StatusKind.Success, $"You are logged in as {user!.DisplayName}. Return to your own account from the banner at the top.").Keep(TempData);
        return LocalRedirect(session.AccountId is { } account ? $"/accounts/{account}" : "/");
    }
}
