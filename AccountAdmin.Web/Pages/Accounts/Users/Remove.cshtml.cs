using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

public sealed class RemoveModel(IAccessService access, CurrentAccount current, IUserDirectory directory, IUserAdministration administration)
    : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid UserId { get; set; }

    public AccountMember Member { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await administration.RemoveAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Refused)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }

            return Page();
        }

        return AfterCommand(result, $"{Member.Name} was removed from {Account.Account.AccountName} and has been e-mailed.", $"/accounts/{AccountId}/users");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
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
}
