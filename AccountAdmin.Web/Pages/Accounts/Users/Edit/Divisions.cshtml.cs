using AccountAdmin.Core;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>The user page's Edit Assigned Divisions form, for those who manage divisions.</summary>
public sealed class DivisionsModel(IAccessService access, CurrentAccount current, UserScreenLoader loader, IDivisionService divisions)
    : UserFormPageModel(access, current, loader)
{
    [BindProperty]
    public DivisionsInput DivisionChoice { get; set; } = new();

    protected override UserForm Form => UserForm.Divisions;

    protected override string FieldPrefix => "DivisionChoice.";

    protected override void KeepPosted(UserScreen screen) => screen.DivisionChoice = DivisionChoice;

    /// <summary>The list filtered or turned to another page: nothing is saved, what was ticked or unticked stays so.</summary>
    public async Task<IActionResult> OnPostFindAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        ModelState.Clear();
        return Show();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var change = await divisions.SetUserDivisionsAsync(
            User.GetUserId(), Account.Account.AgencyId, UserId, DivisionChoice.Shown, DivisionChoice.Chosen, HttpContext.RequestAborted);
        return await AfterSaveAsync(change.Result, (change.Added, change.Removed) switch
        {
            (0, 0) => "The divisions had not changed.",
            _ => $"The divisions were saved: {Screen.Name} joined {English.Count(change.Added, "division")} and left {change.Removed}. Nothing else was deleted.",
        });
    }
}
