using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Groups;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Groups;

/// <summary>Account Settings' access control groups (seed 001): the list with member counts, and a new group.</summary>
public sealed class IndexModel(IAccessService access, CurrentAccount current, IAccessGroups groups) : AccountPageModel(access, current)
{
    [BindProperty]
    [Display(Name = "Name of the new group")]
    public string? Name { get; set; }

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        Groups = await groups.ListAsync(AccountId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        var (result, groupId) = await groups.CreateAsync(User.GetUserId(), AccountId, Name, HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(
                result, $"The group {Name?.Trim()} was created in {Account.Account.AccountName}. Now add its members.",
                $"/accounts/{AccountId}/settings/groups/{groupId}");
        }

        ModelState.AddErrors(result.Errors);
        Groups = await groups.ListAsync(AccountId, HttpContext.RequestAborted);
        return Page();
    }
}
