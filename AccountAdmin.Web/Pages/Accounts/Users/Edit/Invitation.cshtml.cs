using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>
/// An invited user's invitation: sent again from the user page (a new link; the old one stops working), or revoked
/// after a confirmation (their access here goes before they ever signed in).
/// </summary>
public sealed class InvitationModel(IAccessService access, CurrentAccount current, UserScreenLoader loader, IUserAdministration administration)
    : UserPageModel(access, current, loader)
{
    /// <summary>The revoke confirmation; sending again has nothing to confirm, so its address leads to the user page.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? (Screen.Profile.IsInvited ? Page() : LocalRedirect(UserUrl));

    /// <summary>Sending again, from the user page or from a Manage Users row (<paramref name="returnUrl"/>, the list as it was).</summary>
    public async Task<IActionResult> OnPostResendAsync([FromForm] string? returnUrl)
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await administration.ResendInvitationAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
        return AfterCommand(
            result,
            $"A new invitation to {Account.Account.AccountName} is on its way to {Screen.Name} ({Screen.Profile.Email}); the link sent before no longer works.",
            returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : UserUrl);
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await administration.RevokeInvitationAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
        return AfterCommand(result, $"{Screen.Name}'s invitation was revoked: they have no access here.", $"/accounts/{AccountId}/users");
    }
}
