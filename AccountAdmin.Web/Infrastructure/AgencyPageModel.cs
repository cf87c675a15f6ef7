using AccountAdmin.Core.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>A page about one agency: loads it with the current user's agency-wide access, or answers 404 or 403.</summary>
public abstract class AgencyPageModel(IAccessService access) : PageModel
{
    [FromRoute]
    public Guid AgencyId { get; set; }

    public AgencyContext Agency { get; private set; } = null!;

    protected async Task<IActionResult?> AuthorizeAsync(Permission permission)
    {
        var context = await access.GetAgencyAsync(User.GetUserId(), AgencyId, HttpContext.RequestAborted);
        if (context is null)
        {
            return NotFound();
        }

        if (!context.Has(permission))
        {
            return Forbid();
        }

        Agency = context;
        return null;
    }
}
