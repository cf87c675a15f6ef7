using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

public sealed class ArchivedModel(
    IAccessService access, CurrentAccount current, IUserDirectory directory, IUserAdministration administration, UserListCursor cursors)
    : AccountPageModel(access, current)
{
    public const int PageSize = 50;

    [FromQuery(Name = "after")]
    public string? After { get; set; }

    public ArchivedPage Result { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        string? after = null;
        if (After is { Length: > 0 })
        {
            after = cursors.Decode(After, AccountId, UserListCursor.Archived);
            if (after is null)
            {
                ViewData["Status"] = new StatusMessage(StatusKind.Warning, "That page link is not valid for this list any more, so the list starts again at the first page.");
            }
        }

        Result = await directory.ListArchivedAsync(AccountId, after, PageSize, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid userId)
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var result = await administration.RestoreAsync(User.GetUserId(), AccountId, userId, HttpContext.RequestAborted);
        var name = result.Succeeded ? (await directory.FindMemberAsync(AccountId, userId, HttpContext.RequestAborted))?.Name : null;
        return AfterCommand(result, $"{name ?? "The user"} is back in {Account.Account.AccountName} and has been e-mailed.", $"/accounts/{AccountId}/users/archived");
    }

    public string Cursor(string key) => cursors.Encode(AccountId, UserListCursor.Archived, key);
}
