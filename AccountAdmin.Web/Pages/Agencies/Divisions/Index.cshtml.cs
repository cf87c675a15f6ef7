using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Agencies.Divisions;

public sealed class IndexModel(IAccessService access, IDivisionService divisions) : AgencyPageModel(access)
{
    public IReadOnlyList<DivisionRow> Divisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(agency => agency.ManagesAnyDivision) is { } refusal)
        {
            return refusal;
        }

        Divisions = await divisions.ListAsync(Agency, HttpContext.RequestAborted);
        return Page();
    }
}
