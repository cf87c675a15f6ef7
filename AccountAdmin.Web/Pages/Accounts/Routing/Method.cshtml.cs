using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Routing;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Routing;

/// <summary>One routing method: its agents in order (move, take out), agents to add found by name, rename.</summary>
public sealed class MethodModel(IAccessService access, CurrentAccount current, IRoutingMethods routing) : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid MethodId { get; set; }

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    /// <summary>The page of agents shown: those after this place in the order, or before it (keyset paging).</summary>
    [FromQuery(Name = "after")]
    public int? After { get; set; }

    [FromQuery(Name = "before")]
    public int? Before { get; set; }

    [BindProperty]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [BindProperty]
    public List<Guid> UserIds { get; set; } = [];

    /// <summary>The revision the page was shown at: a change made since refuses this one.</summary>
    [BindProperty]
    public int Revision { get; set; }

    public RoutingDetail Method { get; private set; } = null!;

    public string Here => $"/accounts/{AccountId}/settings/routing/{MethodId}";

    /// <summary>The page of agents being looked at, for the links and forms that stay on it ("&amp;after=…").</summary>
    public string OnThisPage => After is { } after ? $"&after={after}" : Before is { } before ? $"&before={before}" : "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        Name = Method.Name;
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync() =>
        ChangeAsync(() => routing.RenameAsync(User.GetUserId(), AccountId, MethodId, Name, HttpContext.RequestAborted), () => $"It is now called {Name?.Trim()}.");

    public Task<IActionResult> OnPostAddAsync() =>
        ChangeAsync(
            () => routing.AddAgentsAsync(User.GetUserId(), AccountId, MethodId, UserIds, Revision, HttpContext.RequestAborted),
            () => $"{English.Count(UserIds.Distinct().Count(), "agent")} added to {Method.Name}.");

    public Task<IActionResult> OnPostRemoveAsync(Guid userId) =>
        ChangeAsync(
            () => routing.RemoveAgentAsync(User.GetUserId(), AccountId, MethodId, userId, Revision, HttpContext.RequestAborted),
            () => $"{NameOf(userId)} is no longer in {Method.Name}; they stay in {Account.Account.AccountName}.");

    public Task<IActionResult> OnPostUpAsync(Guid userId) =>
        ChangeAsync(() => routing.MoveAgentAsync(User.GetUserId(), AccountId, MethodId, userId, true, Revision, HttpContext.RequestAborted), () => $"{NameOf(userId)} moved up.");

    public Task<IActionResult> OnPostDownAsync(Guid userId) =>
        ChangeAsync(() => routing.MoveAgentAsync(User.GetUserId(), AccountId, MethodId, userId, false, Revision, HttpContext.RequestAborted), () => $"{NameOf(userId)} moved down.");

    private string NameOf(Guid userId) => Method.Agents.FirstOrDefault(a => a.UserId == userId)?.Name ?? "The agent";

    private async Task<IActionResult> ChangeAsync(Func<Task<CommandResult>> change, Func<string> success)
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await change();
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, success(), OnThisPage.Length > 0 ? $"{Here}?{OnThisPage[1..]}" : Here);
        }

        // Shown as things are now, with the message: a stale page's choices are not kept.
        ModelState.Clear();
        ModelState.AddErrors(result.Errors);
        await LoadAsync();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        if (await routing.FindAsync(AccountId, MethodId, Search, new AgentPage(After, Before), HttpContext.RequestAborted) is not { } method)
        {
            return NotFound();
        }

        Method = method;
        return null;
    }
}
