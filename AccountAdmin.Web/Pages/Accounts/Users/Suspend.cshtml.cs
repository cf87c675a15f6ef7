using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

/// <summary>Suspending a user here, after a confirmation: it e-mails them and takes effect at their next click.</summary>
public sealed class SuspendModel(IAccessService access, CurrentAccount current, IUserDirectory directory, IUserAdministration administration)
    : MemberPageModel(access, current, directory)
{
    /// <summary>The list as it was (its search, filter and page), to go back to; Manage Users when missing or not local.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string BackUrl => ReturnUrl is { Length: > 0 } back && Url.IsLocalUrl(back) ? back : $"/accounts/{AccountId}/users";

    public async Task<IActionResult> OnGetAsync() => await LoadMemberAsync(Permission.ManageUsers) ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadMemberAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var result = await administration.SuspendAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
        return Outcome(result, $"{Member.Name} is suspended in {Account.Account.AccountName} and has been e-mailed.", BackUrl);
    }
}
