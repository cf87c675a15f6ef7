using AccountAdmin.Core;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>A page about one current member of an account: loads the account and the member, or answers 404 or 403.</summary>
public abstract class MemberPageModel(IAccessService access, CurrentAccount current, IUserDirectory directory)
    : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid UserId { get; set; }

    public AccountMember Member { get; private set; } = null!;

    protected async Task<IActionResult?> LoadMemberAsync(Permission permission)
    {
        if (await AuthorizeAsync(permission) is { } refusal)
        {
            return refusal;
        }

        var member = await directory.FindMemberAsync(AccountId, UserId, HttpContext.RequestAborted);
        if (member is null)
        {
            return NotFound();
        }

        Member = member;
        return null;
    }

    /// <summary>A refusal shown on this page, each error at its field; anything else as <see cref="AccountPageModel.AfterCommand"/> does.</summary>
    protected IActionResult Outcome(CommandResult result, string success, string returnUrl, string fieldPrefix = "")
    {
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, success, returnUrl);
        }

        ModelState.AddErrors(result.Errors, fieldPrefix);

        return Page();
    }
}
