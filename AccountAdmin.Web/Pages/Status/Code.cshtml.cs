using AccountAdmin.Core;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Status;

[IgnoreAntiforgeryToken]
public sealed class CodeModel : PageModel
{
    public int Code { get; private set; }

    // From the route only: a form that could not be read must not make every error read as 404.
    public IActionResult OnGet([FromRoute] int code) => Show(code);

    public IActionResult OnPost([FromRoute] int code) => Show(code);

    private PageResult Show(int code)
    {
        Code = code is >= 400 and < 600 ? code : 404;
        Response.StatusCode = Code;
        return Page();
    }

    public (string Title, string Text) Message => Code switch
    {
        400 => ("That request was not understood", "Something in the address or the form was not valid. Go back and try again."),
        403 => ("You don't have access to this page", "Your role does not allow this. If you need it, ask an Owner or Administrator of the account."),
        404 => ("Page not found", "There is nothing at this address. It may have been moved, or the link is wrong."),
        405 => ("That can't be done here", "This page doesn't take that kind of request. Nothing was changed. Go back and try again."),
        413 => ("That upload is too large", "Nothing was changed. Go back and choose a smaller file: the portal takes files of a few megabytes."),
        429 => ("Too many attempts", $"Too many attempts came from your address. Wait {English.Count(HttpContext.Items[SignInRateLimits.RetryAfterItem] as int? ?? 60, "second")}, then try again."),
        _ => ("Something went wrong", "The portal could not finish this request. Nothing was changed. Try again in a moment."),
    };
}
