using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Groups;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Groups;

/// <summary>One access control group: its name, its members, and the account's people to add, found by a search.</summary>
public sealed class GroupModel(IAccessService access, CurrentAccount current, IAccessGroups groups) : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid GroupId { get; set; }

    /// <summary>The search for people to add.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    /// <summary>The page of members shown: those after this member by name.</summary>
    [FromQuery(Name = "after")]
    public Guid? After { get; set; }

    [BindProperty]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [BindProperty]
    public List<Guid> UserIds { get; set; } = [];

    public GroupDetail Group { get; private set; } = null!;

    public string Here => $"/accounts/{AccountId}/settings/groups/{GroupId}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        Name = Group.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await groups.RenameAsync(User.GetUserId(), AccountId, GroupId, Name, HttpContext.RequestAborted);
        return result.Status == CommandStatus.Refused ? Refused(result) : AfterCommand(result, $"The group is now called {Name?.Trim()}.", Here);
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await groups.AddMembersAsync(User.GetUserId(), AccountId, GroupId, UserIds, HttpContext.RequestAborted);
        return result.Status == CommandStatus.Refused
            ? Refused(result)
            : AfterCommand(result, $"{AccountAdmin.Core.English.Count(UserIds.Distinct().Count(), "user")} added to {Group.Name}.", Here);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid userId)
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var name = Group.Members.FirstOrDefault(m => m.UserId == userId)?.Name ?? "The user";
        var result = await groups.RemoveMemberAsync(User.GetUserId(), AccountId, GroupId, userId, HttpContext.RequestAborted);
        return AfterCommand(result, $"{name} is no longer in {Group.Name}; they stay in {Account.Account.AccountName}.", After is { } after ? $"{Here}?after={after}" : Here);
    }

    private IActionResult Refused(CommandResult result)
    {
        ModelState.AddErrors(result.Errors);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        if (await groups.FindAsync(AccountId, GroupId, Search, After, HttpContext.RequestAborted) is not { } group)
        {
            return NotFound();
        }

        Group = group;
        return null;
    }
}
