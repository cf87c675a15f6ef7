using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Invitations;

/// <summary>
/// The link sent to a new e-mail address: the page names the change, and its button makes it (a GET changes nothing, so
/// a mail scanner opening the link confirms nothing).
/// </summary>
public sealed class ConfirmEmailModel(IEmailChanges changes) : PageModel
{
    [FromRoute]
    public string Token { get; set; } = "";

    public EmailChange? Change { get; private set; }

    public async Task OnGetAsync() => Change = await changes.FindAsync(Token, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Change = await changes.FindAsync(Token, HttpContext.RequestAborted);
        if (Change is null)
        {
            return Page();
        }

        var result = await changes.ConfirmAsync(Token, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        new StatusMessage(StatusKind.Success, $"Your e-mail address is now {Change.To}: sign in with it from now on.").Keep(TempData);
        return LocalRedirect(User.Identity?.IsAuthenticated == true ? "/" : "/login");
    }
}
