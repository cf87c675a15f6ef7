using AccountAdmin.Core.Agencies;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Agencies.Users;

public sealed class IndexModel(IAccessService access, IAgencyUsers users, UserListCursor cursors) : AgencyPageModel(access)
{
    public const int PageSize = 50;

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "after")]
    public string? After { get; set; }

    public AgencyUserPage Result { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAgencyUsers) is { } refusal)
        {
            return refusal;
        }

        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim()[..Math.Min(Search.Trim().Length, 100)];
        string? after = null;
        if (After is { Length: > 0 })
        {
            after = cursors.Decode(After, AgencyId, ListName);
            if (after is null)
            {
                ViewData["Status"] = new StatusMessage(StatusKind.Warning, "That page link is not valid for this list any more, so the list starts again at the first page.");
            }
        }

        Result = await users.ListAsync(AgencyId, Search, after, PageSize, HttpContext.RequestAborted);
        return Page();
    }

    private string ListName => "agency-users-" + (Search ?? "");

    public string NextLink(string key) =>
        $"?{(Search is null ? "" : "q=" + Uri.EscapeDataString(Search) + "&")}after={Uri.EscapeDataString(cursors.Encode(AgencyId, ListName, key))}";
}
