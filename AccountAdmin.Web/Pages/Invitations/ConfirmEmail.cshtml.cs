using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Invitations;

/// <summary>
/// The link sent to a new e-mail address. Reading the mailbox is not enough: the user signs in first (with the address
/// they have now), so a stranger at a mistyped address can't take the account over; the page names the change, and its
/// button makes it (a GET changes nothing, so a mail scanner opening the link confirms nothing).
/// </summary>
public sealed class ConfirmEmailModel(IEmailChanges changes) : PageModel
{
    [FromRoute]
    public string Token { get; set; } = "";

    public EmailChange? Change { get; private set; }

    /// <summary>Signed in as someone else than the user the link is for.</summary>
    public bool SomeoneElse { get; private set; }

    public Task<IActionResult> OnGetAsync() => LoadAsync(() => Page());

    public Task<IActionResult> OnPostAsync() => LoadAsync(async () =>
    {
        var result = await changes.ConfirmAsync(Token, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        // The change ends every session, this one too: the next sign-in is with the new address.
        new StatusMessage(StatusKind.Success, $"Your e-mail address is now {Change!.To}: sign in with it from now on.").Keep(TempData);
        return LocalRedirect("/login");
    });

    private async Task<IActionResult> LoadAsync(Func<Task<IActionResult>> then)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return LocalRedirect($"/login?returnUrl={Uri.EscapeDataString(Request.Path)}");
        }

        Change = await changes.FindAsync(Token, HttpContext.RequestAborted);
        if (Change is not null && Change.UserId != User.GetUserId())
        {
            (Change, SomeoneElse) = (null, true);
        }

        return Change is null ? Page() : await then();
    }

    private Task<IActionResult> LoadAsync(Func<IActionResult> then) => LoadAsync(() => Task.FromResult(then()));
}
