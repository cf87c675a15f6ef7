using AccountAdmin.Core.Groups;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Groups;

/// <summary>Deleting a group asks first, saying how many users lose it.</summary>
public sealed class DeleteModel(IAccessService access, CurrentAccount current, IAccessGroups groups) : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid GroupId { get; set; }

    public GroupDetail Group { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await groups.DeleteAsync(User.GetUserId(), AccountId, GroupId, HttpContext.RequestAborted);
        return AfterCommand(
            result, $"The group {Group.Name} was deleted from {Account.Account.AccountName}; its members are still in the account.",
            $"/accounts/{AccountId}/settings/groups");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        if (await groups.FindAsync(AccountId, GroupId, null, null, HttpContext.RequestAborted) is not { } group)
        {
            return NotFound();
        }

        Group = group;
        return null;
    }
}
