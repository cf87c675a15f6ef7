using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Roles;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>The user page's Assign Roles form: take away access account by account, or add a role.</summary>
public sealed class RolesModel(IAccessService access, CurrentAccount current, UserScreenLoader loader, IRoleAssignments roles)
    : UserFormPageModel(access, current, loader)
{
    [BindProperty]
    public RolesInput Roles { get; set; } = new();

    protected override UserForm Form => UserForm.Roles;

    protected override string FieldPrefix => "Roles.";

    protected override void KeepPosted(UserScreen screen) => screen.Roles = Roles;

    protected override GrantableQuery? Grantable => Roles.Grantable();

    /// <summary>
    /// +Add Role's account list filtered or turned to another page (by script in the background, or without it as a post
    /// of the form): nothing is saved, the ticked accounts stay ticked.
    /// </summary>
    public async Task<IActionResult> OnPostAccountsAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        ModelState.Clear();
        return Show();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var changes = Roles.ToChanges();
        if (changes is null)
        {
            ModelState.AddModelError("Roles.AddRole", "Choose a role from the list.");
        }

        if (changes is null || !ModelState.IsValid)
        {
            return Show();
        }

        var words = RoleChangeWords.Describe(Screen.Assignments, changes);
        var result = await roles.ApplyAsync(User.GetUserId(), AccountId, UserId, changes, HttpContext.RequestAborted);
        if (result.Succeeded && !await StillVisibleAsync())
        {
            return AfterCommand(result, $"{Screen.Name}: {words}. They no longer have access to {Account.Account.AccountName}.", $"/accounts/{AccountId}/users");
        }

        return await AfterSaveAsync(result, $"{Screen.Name}: {words}. They have been e-mailed.");
    }
}
