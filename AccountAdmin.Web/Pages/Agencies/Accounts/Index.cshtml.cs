using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Agencies.Accounts;

public sealed class IndexModel(IAccessService access, IAgencyAccounts accounts, UserListCursor cursors) : AgencyPageModel(access)
{
    public const int PageSize = 50;
    public const string NoDivision = "none";

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "division")]
    public string? Division { get; set; }

    [FromQuery(Name = "after")]
    public string? After { get; set; }

    public AgencyAccountPage Result { get; private set; } = new([], false);

    public IReadOnlyList<DivisionChoice> Divisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.CreateAccounts) is { } refusal)
        {
            return refusal;
        }

        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim()[..Math.Min(Search.Trim().Length, 100)];
        Divisions = (await accounts.ChoicesAsync(Agency, HttpContext.RequestAborted)).Divisions;
        Guid? division = Division == NoDivision ? DivisionFilter.None
            : Guid.TryParse(Division, out var id) && Divisions.Any(d => d.Id == id) ? id
            : null;
        Division = division is null ? null : Division;

        (string Name, Guid Id)? after = null;
        if (After is { Length: > 0 })
        {
            var key = cursors.Decode(After, AgencyId, ListName);
            var cut = key?.LastIndexOf('|') ?? -1;
            if (cut > 0 && Guid.TryParse(key![(cut + 1)..], out var afterId))
            {
                after = (key[..cut], afterId);
            }
            else
            {
                ViewData["Status"] = new StatusMessage(StatusKind.Warning, "That page link is not valid for this list any more, so the list starts again at the first page.");
            }
        }

        Result = await accounts.ListAsync(Agency, Search, division, after?.Name, after?.Id, PageSize, HttpContext.RequestAborted);
        return Page();
    }

    private string ListName => $"agency-accounts-{Division}-{Search}";

    public string NextLink(AgencyAccountRow last)
    {
        var query = new List<string>();
        if (Search is not null)
        {
            query.Add("q=" + Uri.EscapeDataString(Search));
        }

        if (Division is not null)
        {
            query.Add("division=" + Uri.EscapeDataString(Division));
        }

        query.Add("after=" + Uri.EscapeDataString(cursors.Encode(AgencyId, ListName, $"{last.Name}|{last.Id}")));
        return "?" + string.Join('&', query);
    }
}
