using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Infrastructure;

public static class CommandAnswers
{
    /// <summary>
    /// The answer to a change Core made or refused as a whole: 404, 403, or <paramref name="returnUrl"/> with the refusal
    /// or <paramref name="success"/> shown once at the top.
    /// </summary>
    public static IActionResult Answer(this PageModel page, CommandResult result, string success, string returnUrl)
    {
        switch (result.Status)
        {
            case CommandStatus.NotFound:
                return page.NotFound();
            case CommandStatus.Forbidden:
                return page.Forbid();
            case CommandStatus.Refused:
                new StatusMessage(StatusKind.Error, string.Join(" ", result.Errors.Select(e => e.Message))).Keep(page.TempData);
                break;
            default:
                new StatusMessage(StatusKind.Success, success).Keep(page.TempData);
                break;
        }

        return page.LocalRedirect(returnUrl);
    }
}
