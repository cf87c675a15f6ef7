using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts;

/// <summary>The account's audit log: who did what to whom, when, from where, and who was really at the keyboard.</summary>
public sealed class AuditModel(IAccessService access, CurrentAccount current, IAuditLog log, UserListCursor cursors, TimeProvider clock)
    : AccountPageModel(access, current)
{
    public AuditLogView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        View = await AuditLogView.LoadAsync(log, cursors, AuditScope.OfAccount(AccountId), AccountId, $"/accounts/{AccountId}/audit", Request, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync() =>
        await AuthorizeAsync(Permission.ManageUsers)
        ?? await AuditLogView.ExportAsync(log, cursors, AuditScope.OfAccount(AccountId), AccountId, HttpContext, $"{Account.Account.AccountName} audit {clock.GetUtcNow():yyyy-MM-dd}.csv");
}
