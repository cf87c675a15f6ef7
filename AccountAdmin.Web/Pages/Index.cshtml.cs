using AccountAdmin.Core.Accounts;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages;

public sealed class IndexModel(IAccountDirectory accounts) : PageModel
{
    private const int PageSize = 50;

    public IReadOnlyList<OpenableAccount> Accounts { get; private set; } = [];

    public string? NextName { get; private set; }

    public Guid? NextId { get; private set; }

    public async Task OnGetAsync(string? afterName, Guid? afterId)
    {
        var page = await accounts.ListOpenableAsync(User.GetUserId(), afterName, afterId, PageSize, ImpersonationClaims.From(User)?.AccountId, HttpContext.RequestAborted);
        Accounts = page.Accounts;
        if (page.HasMore)
        {
            NextName = page.Accounts[^1].Name;
            NextId = page.Accounts[^1].Id;
        }
    }
}
