using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

public sealed class BulkSummaryModel(IAccessService access, CurrentAccount current, IBulkAdd bulk) : AccountPageModel(access, current)
{
    public const int ShownUsers = 200;

    [FromRoute]
    public Guid ImportId { get; set; }

    public BulkSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var summary = await bulk.SummaryAsync(User.GetUserId(), AccountId, ImportId, ShownUsers, HttpContext.RequestAborted);
        if (summary is null)
        {
            return NotFound();
        }

        Summary = summary;
        return Page();
    }

    public async Task<IActionResult> OnPostSendInvitationsAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var result = await bulk.SendInvitationsAsync(User.GetUserId(), AccountId, ImportId, HttpContext.RequestAborted);
        return AfterCommand(result, $"The invitations to {Account.Account.AccountName}'s new users are on their way.", $"/accounts/{AccountId}/users/bulk/{ImportId}");
    }
}
