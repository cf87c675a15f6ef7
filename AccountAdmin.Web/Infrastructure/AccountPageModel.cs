using AccountAdmin.Core.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>A page about one account: loads it with the current user's access, or answers 404 or 403.</summary>
public abstract class AccountPageModel(IAccessService access, CurrentAccount current) : PageModel
{
    [FromRoute]
    public Guid AccountId { get; set; }

    public AccountContext Account { get; private set; } = null!;

    /// <summary>
    /// Null when the user may go on; otherwise the answer to give: 404 for no such account,
    /// 403 without <paramref name="permission"/> (or, when it is null, without any access at all).
    /// </summary>
    protected async Task<IActionResult?> AuthorizeAsync(Permission? permission)
    {
        var context = await access.GetAsync(User.GetUserId(), AccountId, HttpContext.RequestAborted);
        if (context is null)
        {
            return NotFound();
        }

        var allowed = permission is { } p ? context.Access.Has(p) : context.Access.Any;
        if (!allowed)
        {
            return Forbid();
        }

        Account = context;
        current.Context = context;
        return null;
    }

    /// <summary>The answer to a change Core made or refused: 404, 403, the refusal as an error message, or the success message.</summary>
    protected IActionResult AfterCommand(AccountAdmin.Core.CommandResult result, string success, string returnUrl) =>
        this.Answer(result, success, Url.IsLocalUrl(returnUrl) ? returnUrl : $"/accounts/{AccountId}/users");
}
