using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Routing;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Routing;

/// <summary>Deleting a routing method asks first, saying how many agents it takes out.</summary>
public sealed class DeleteModel(IAccessService access, CurrentAccount current, IRoutingMethods routing) : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid MethodId { get; set; }

    public RoutingDetail Method { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await routing.DeleteAsync(User.GetUserId(), AccountId, MethodId, HttpContext.RequestAborted);
        return AfterCommand(result, $"{Method.Name} was deleted from {Account.Account.AccountName}; its agents are still in the account.",
            $"/accounts/{AccountId}/settings/routing");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        if (await routing.FindAsync(AccountId, MethodId, null, AgentPage.First, HttpContext.RequestAborted) is not { } method)
        {
            return NotFound();
        }

        Method = method;
        return null;
    }
}
