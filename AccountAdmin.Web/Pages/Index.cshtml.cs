using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Components;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages;

public sealed class IndexModel(IAccountDirectory accounts, IAccessService access) : PageModel
{
    /// <summary>The agencies whose pages the user may open, with those pages.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<NavigationLink> Links)> Agencies { get; private set; } = [];

    private const int PageSize = 50;

    public IReadOnlyList<OpenableAccount> Accounts { get; private set; } = [];

    public string? NextName { get; private set; }

    public Guid? NextId { get; private set; }

    public async Task OnGetAsync(string? afterName, Guid? afterId)
    {
        var page = await accounts.ListOpenableAsync(User.GetUserId(), afterName, afterId, PageSize, ImpersonationClaims.From(User)?.AccountId, HttpContext.RequestAborted);
        Accounts = page.Accounts;
        if (ImpersonationClaims.From(User) is null)
        {
            var agencies = new List<(string, IReadOnlyList<NavigationLink>)>();
            foreach (var agency in await accounts.ManagedAgenciesAsync(User.GetUserId(), HttpContext.RequestAborted))
            {
                if (await access.GetAgencyAsync(User.GetUserId(), agency.Id, HttpContext.RequestAborted) is { } context
                    && NavigationLinks.OfAgency(context) is { Count: > 0 } links)
                {
                    agencies.Add((agency.Name, links));
                }
            }

            Agencies = agencies;
        }

        if (page.HasMore)
        {
            NextName = page.Accounts[^1].Name;
            NextId = page.Accounts[^1].Id;
        }
    }
}
