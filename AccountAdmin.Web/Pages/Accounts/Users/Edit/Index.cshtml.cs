using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>A user's page in one account: profile and agent sections, Assign Roles, divisions, password, effective access.</summary>
public sealed class IndexModel(IAccessService access, CurrentAccount current, UserScreenLoader loader) : UserPageModel(access, current, loader)
{
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();
}
