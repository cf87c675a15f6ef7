using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>A change of e-mail waiting for the new address to confirm it: its link sent again, or the change cancelled.</summary>
public sealed class EmailChangeModel(IAccessService access, CurrentAccount current, UserScreenLoader loader, IUserProfiles profiles)
    : UserPageModel(access, current, loader)
{
    /// <summary>Both are buttons on the user page; this address has nothing of its own to show.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? LocalRedirect(UserUrl + "#sign-in");

    public Task<IActionResult> OnPostResendAsync() => RunAsync(PendingEmailAction.Resend);

    public Task<IActionResult> OnPostCancelAsync() => RunAsync(PendingEmailAction.Cancel);

    private async Task<IActionResult> RunAsync(PendingEmailAction action)
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var pending = Screen.Profile.PendingEmail;
        var result = await profiles.PendingEmailAsync(User.GetUserId(), AccountId, UserId, action, HttpContext.RequestAborted);
        return AfterCommand(
            result,
            action == PendingEmailAction.Resend
                ? $"The link to confirm {pending} was sent there again."
                : $"The change of {Screen.Name}'s e-mail to {pending} was cancelled: they keep {Screen.Profile.Email}.",
            UserUrl + "#sign-in");
    }
}
