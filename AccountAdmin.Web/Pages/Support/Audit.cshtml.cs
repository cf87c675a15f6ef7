using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Support;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Support;

/// <summary>The whole audit log, every agency and account, for support staff.</summary>
public sealed class AuditModel(ISupportDesk desk, IAuditLog log, UserListCursor cursors, TimeProvider clock) : PageModel
{
    public AuditLogView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await desk.IsSupportAsync(User.GetUserId(), HttpContext.RequestAborted))
        {
            return Forbid();
        }

        View = await AuditLogView.LoadAsync(log, cursors, AuditScope.Everywhere, Guid.Empty, "/support/audit", Request, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync() =>
        !await desk.IsSupportAsync(User.GetUserId(), HttpContext.RequestAborted)
            ? Forbid()
            : await AuditLogView.ExportAsync(log, cursors, AuditScope.Everywhere, Guid.Empty, HttpContext, $"AccountAdmin audit {clock.GetUtcNow():yyyy-MM-dd}.csv");
}
