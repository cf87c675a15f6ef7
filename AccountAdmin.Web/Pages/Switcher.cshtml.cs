using AccountAdmin.Core.Accounts;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages;

/// <summary>The account switcher's list, fetched when the header's switcher is first opened.</summary>
public sealed class SwitcherModel(IAccountDirectory accounts) : PageModel
{
    public const int Shown = 8;

    public IReadOnlyList<OpenableAccount> Accounts { get; private set; } = [];

    public bool HasMore { get; private set; }

    public Guid? Current { get; private set; }

    public async Task OnGetAsync(Guid? current)
    {
        var page = await accounts.ListOpenableAsync(User.GetUserId(), null, null, Shown, ImpersonationClaims.From(User)?.AccountId, HttpContext.RequestAborted);
        Accounts = page.Accounts;
        HasMore = page.HasMore;
        Current = current;
    }
}
