using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts;

public sealed class OverviewModel(IAccessService access, CurrentAccount current) : AccountPageModel(access, current)
{
    public async Task<IActionResult> OnGetAsync() => await AuthorizeAsync(permission: null) ?? Page();
}
