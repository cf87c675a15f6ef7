using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

/// <summary>Show User (seed 001): an existing identity, read-only here, and the role to give it in this account.</summary>
public sealed class ExistingModel(IAccessService access, CurrentAccount current, IUserCreation creation, UserManager<AppUser> users)
    : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid UserId { get; set; }

    [BindProperty]
    public AccountRole Role { get; set; } = AccountRole.CallAgent;

    public AppUser Existing { get; private set; } = null!;

    public IReadOnlyList<AccountRole> Roles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await creation.GrantExistingAsync(User.GetUserId(), AccountId, UserId, Role, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Refused)
        {
            ModelState.AddErrors(result.Errors);

            return Page();
        }

        return AfterCommand(result, $"{Existing.DisplayName} now has the role {Role.Display()} in {Account.Account.AccountName} and has been e-mailed.", $"/accounts/{AccountId}/users");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var existing = await users.FindByIdAsync(UserId.ToString());
        if (existing is null || existing.ArchivedAt is not null)
        {
            return NotFound();
        }

        Existing = existing;
        Roles = creation.GrantableRoles(Account.Access);
        return null;
    }
}
