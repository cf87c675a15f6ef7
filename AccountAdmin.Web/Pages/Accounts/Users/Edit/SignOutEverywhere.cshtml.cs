using AccountAdmin.Core;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>Signs a user out on every browser, after a confirmation: each session ends at its next request.</summary>
public sealed class SignOutEverywhereModel(IAccessService access, CurrentAccount current, UserScreenLoader loader, ISessionManagement sessions)
    : UserPageModel(access, current, loader)
{
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await sessions.SignOutEverywhereAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Refused)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        return AfterCommand(result, $"{Screen.Name} is signed out everywhere: each of their browsers goes to the sign-in page at its next click.", UserUrl);
    }
}
