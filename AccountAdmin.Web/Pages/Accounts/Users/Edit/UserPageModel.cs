using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>The user page, or a page one of its forms posts to: Manage Users in the account and a user this viewer may see there, or 403/404.</summary>
public abstract class UserPageModel(IAccessService access, CurrentAccount current, UserScreenLoader loader) : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid UserId { get; set; }

    public UserScreen Screen { get; private set; } = null!;

    protected string UserUrl => $"/accounts/{AccountId}/users/{UserId}";

    /// <summary>Which of +Add Role's accounts the screen lists: the first page unless a form asks for others.</summary>
    protected virtual AccountAdmin.Core.Roles.GrantableQuery? Grantable => null;

    protected async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        if (await loader.LoadAsync(User.GetUserId(), Account.Account, UserId, Grantable, HttpContext.RequestAborted) is not { } screen)
        {
            return NotFound();
        }

        Screen = screen;
        ViewData["Title"] = screen.Name;
        ViewData["Section"] = "users";
        ViewData[AgentSectionsView.Key] = screen.AgentSections;
        return null;
    }

    protected Task<bool> StillVisibleAsync() => loader.StillVisibleAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
}
