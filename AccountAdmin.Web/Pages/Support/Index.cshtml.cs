using AccountAdmin.Core.Support;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Support;

/// <summary>The support console: find any customer user and log in as them (with a reason), or read the whole audit log.</summary>
public sealed class IndexModel(ISupportDesk desk) : PageModel
{
    public const int Shown = 50;

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    public IReadOnlyList<SupportUserRow> Users { get; private set; } = [];

    public IReadOnlyList<UndeliverableEmail> Undeliverable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await desk.IsSupportAsync(User.GetUserId(), HttpContext.RequestAborted))
        {
            return Forbid();
        }

        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim()[..Math.Min(Search.Trim().Length, 100)];
        if (Search is not null)
        {
            Users = await desk.FindUsersAsync(Search, Shown, HttpContext.RequestAborted);
        }

        Undeliverable = await desk.UndeliverableAsync(20, HttpContext.RequestAborted);
        return Page();
    }
}
