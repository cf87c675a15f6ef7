using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Routing;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Routing;

/// <summary>Account Settings' routing: the account's routing methods with their agents, and a new one.</summary>
public sealed class IndexModel(IAccessService access, CurrentAccount current, IRoutingMethods routing) : AccountPageModel(access, current)
{
    [BindProperty]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [BindProperty]
    [Display(Name = "Kind")]
    public RoutingKind? Kind { get; set; }

    public IReadOnlyList<RoutingRow> Methods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        Methods = await routing.ListAsync(AccountId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        var (result, id) = await routing.CreateAsync(User.GetUserId(), AccountId, Name, ModelState.IsValid ? Kind : null, HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, $"The {Kind?.Display()} {Name?.Trim()} was created in {Account.Account.AccountName}. Now add its agents.",
                $"/accounts/{AccountId}/settings/routing/{id}");
        }

        ModelState.Clear();
        ModelState.AddErrors(result.Errors);
        Methods = await routing.ListAsync(AccountId, HttpContext.RequestAborted);
        return Page();
    }
}
