using AccountAdmin.Core.Permissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>A page about one agency: loads it with the current user's agency-wide access, or answers 404 or 403.</summary>
public abstract class AgencyPageModel(IAccessService access) : PageModel
{
    [FromRoute]
    public Guid AgencyId { get; set; }

    public AgencyContext Agency { get; private set; } = null!;

    protected Task<IActionResult?> AuthorizeAsync(Permission permission) => AuthorizeAsync(agency => agency.Has(permission));

    /// <summary>Null when the user may go on; otherwise 404 for no such agency, or 403 when <paramref name="allowed"/> says no.</summary>
    protected async Task<IActionResult?> AuthorizeAsync(Func<AgencyContext, bool> allowed)
    {
        var context = await access.GetAgencyAsync(User.GetUserId(), AgencyId, HttpContext.RequestAborted);
        if (context is null)
        {
            return NotFound();
        }

        if (!allowed(context))
        {
            return Forbid();
        }

        Agency = context;
        HttpContext.RequestServices.GetRequiredService<CurrentAccount>().Agency = context;
        return null;
    }

    /// <summary>The answer to a change Core made or refused as a whole: 404, 403 or a message on the next page.</summary>
    protected IActionResult AfterCommand(AccountAdmin.Core.CommandResult result, string success, string returnUrl) =>
        this.Answer(result, success, returnUrl);
}
