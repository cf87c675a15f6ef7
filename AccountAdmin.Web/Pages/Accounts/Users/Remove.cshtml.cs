using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

public sealed class RemoveModel(IAccessService access, CurrentAccount current, IUserDirectory directory, IUserAdministration administration)
    : MemberPageModel(access, current, directory)
{
    public async Task<IActionResult> OnGetAsync() => await LoadMemberAsync(Permission.ManageUsers) ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadMemberAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var result = await administration.RemoveAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
        return Outcome(result, $"{Member.Name} was removed from {Account.Account.AccountName} and has been e-mailed.", $"/accounts/{AccountId}/users");
    }
}
