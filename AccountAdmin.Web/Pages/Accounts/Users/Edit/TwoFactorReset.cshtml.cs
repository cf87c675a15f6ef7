using AccountAdmin.Core;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>Resets a user's second factor, for one who lost their phone and recovery codes, after a confirmation.</summary>
public sealed class TwoFactorResetModel(IAccessService access, CurrentAccount current, UserScreenLoader loader, ITwoFactorReset resets)
    : UserPageModel(access, current, loader)
{
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await resets.ResetAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Refused)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        return AfterCommand(result, $"{Screen.Name}'s two-factor sign-in is reset: they are signed out everywhere and have been e-mailed.", UserUrl);
    }
}
