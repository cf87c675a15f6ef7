using AccountAdmin.Core;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Agencies.Divisions;

public sealed class NewModel(IAccessService access, IDivisionService divisions) : AgencyPageModel(access)
{
    [BindProperty]
    public DivisionDetailsInput Details { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await AuthorizeAsync(Permission.ManageDivisions) ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await AuthorizeAsync(Permission.ManageDivisions) is { } refusal)
        {
            return refusal;
        }

        var (result, divisionId) = await divisions.CreateAsync(User.GetUserId(), AgencyId, Details.Name, Details.Description, HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, $"The division {Details.Name!.Trim()} was created. Now choose its accounts, users and administrators.",
                $"/agencies/{AgencyId}/divisions/{divisionId}");
        }

        ModelState.AddErrors(result.Errors, $"{nameof(Details)}.");

        return Page();
    }
}
