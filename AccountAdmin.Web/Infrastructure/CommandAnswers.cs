using AccountAdmin.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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

    /// <summary>
    /// Shows Core's errors on the form: each at its field (the form's property <paramref name="prefix"/> before Core's field
    /// name), or at the top when it names none. <paramref name="besideShapeErrors"/>: a field that already shows a message
    /// of the form's own (required, too long) keeps just that one.
    /// </summary>
    public static void AddErrors(this ModelStateDictionary modelState, IEnumerable<CommandError> errors, string prefix = "", bool besideShapeErrors = true)
    {
        foreach (var error in errors)
        {
            var key = error.Field.Length == 0 ? "" : prefix + error.Field;
            if (besideShapeErrors || key.Length == 0 || modelState.GetFieldValidationState(key) != ModelValidationState.Invalid)
            {
                modelState.AddModelError(key, error.Message);
            }
        }
    }
}
