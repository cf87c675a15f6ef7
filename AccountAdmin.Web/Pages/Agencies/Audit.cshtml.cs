using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Agencies;

/// <summary>The agency-wide audit log, for Agency Administrators.</summary>
public sealed class AuditModel(IAccessService access, IAuditLog log, UserListCursor cursors, TimeProvider clock) : AgencyPageModel(access)
{
    public AuditLogView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAgencyUsers) is { } refusal)
        {
            return refusal;
        }

        View = await AuditLogView.LoadAsync(log, cursors, AuditScope.OfAgency(AgencyId), AgencyId, $"/agencies/{AgencyId}/audit", Request, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync() =>
        await AuthorizeAsync(Permission.ManageAgencyUsers)
        ?? await AuditLogView.ExportAsync(log, cursors, AuditScope.OfAgency(AgencyId), AgencyId, HttpContext, $"{Agency.AgencyName} audit {clock.GetUtcNow():yyyy-MM-dd}.csv");
}
