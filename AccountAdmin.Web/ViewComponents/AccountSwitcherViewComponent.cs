using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.ViewComponents;

public sealed class AccountSwitcherViewComponent(IAccountDirectory accounts) : ViewComponent
{
    public const int Shown = 8;

    public async Task<IViewComponentResult> InvokeAsync(AccountScope? current)
    {
        var userId = UserClaimsPrincipal.FindUserId();
        if (userId is null)
        {
            return Content("");
        }

        var page = await accounts.ListOpenableAsync(userId.Value, null, null, Shown, HttpContext.RequestAborted);
        return View(new AccountSwitcherModel(current, page.Accounts, page.HasMore));
    }
}

public sealed record AccountSwitcherModel(AccountScope? Current, IReadOnlyList<OpenableAccount> Accounts, bool HasMore);
