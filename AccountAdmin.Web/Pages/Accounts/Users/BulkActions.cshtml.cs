using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

/// <summary>
/// Manage Users' bulk actions: the chosen users (ticked rows, or all the search finds) and the action come from the list;
/// this page shows who will be changed and who left alone, and why, then makes the change.
/// </summary>
public sealed class BulkActionsModel(
    IAccessService access, CurrentAccount current, IUserDirectory directory, IBulkUserActions bulk)
    : AccountPageModel(access, current)
{
    /// <summary>How many names the confirmation lists before "and N more".</summary>
    public const int Shown = 200;

    [BindProperty(Name = "bulkAction")] public BulkUserAction? Action { get; set; }
    [BindProperty(Name = "newRole")] public AccountRole? NewRole { get; set; }
    [BindProperty(Name = "userIds")] public List<Guid> UserIds { get; set; } = [];

    /// <summary>Every user the list's search and filters find, not only the ticked rows.</summary>
    [BindProperty(Name = "allMatching")] public bool AllMatching { get; set; }

    [BindProperty(Name = "q")] public string? Search { get; set; }
    [BindProperty(Name = "filterRole")] public AccountRole? FilterRole { get; set; }
    [BindProperty(Name = "filterStatus")] public UserStatus? FilterStatus { get; set; }
    [BindProperty(Name = "confirmed")] public string? Confirmed { get; set; }
    [BindProperty(Name = "returnUrl")] public string? ReturnUrl { get; set; }

    public BulkUserPlan Plan { get; private set; } = null!;

    public string BackUrl => ReturnUrl is { Length: > 0 } back && Url.IsLocalUrl(back) ? back : $"/accounts/{AccountId}/users";

    public IActionResult OnGet() => LocalRedirect($"/accounts/{AccountId}/users");

    /// <summary>The list's Continue: what the change would do.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var request = await RequestAsync();
        if (request is null)
        {
            return this.Answer(CommandResult.Refused(BulkUserErrors.TooMany), "", BackUrl);
        }

        var (plan, refused) = await bulk.PlanAsync(User.GetUserId(), AccountId, request, HttpContext.RequestAborted);
        if (plan is null)
        {
            return this.Answer(refused!, "", BackUrl);
        }

        Plan = plan;
        return Page();
    }

    /// <summary>The confirmation's button: the change, if it is still the one shown.</summary>
    public async Task<IActionResult> OnPostApplyAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var request = await RequestAsync();
        if (request is null)
        {
            return this.Answer(CommandResult.Refused(BulkUserErrors.TooMany), "", BackUrl);
        }

        var (plan, result) = await bulk.ApplyAsync(User.GetUserId(), AccountId, request, Confirmed ?? "", HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Refused && plan is not null)
        {
            ModelState.AddErrors(result.Errors);
            Plan = plan;
            return Page();
        }

        return this.Answer(result, plan is null ? "" : Done(plan), BackUrl);
    }

    private async Task<BulkUserRequest?> RequestAsync()
    {
        var ids = UserIds;
        if (AllMatching)
        {
            var search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
            var query = new UserListQuery(
                search is { Length: > IndexModel.MaxSearchLength } ? search[..IndexModel.MaxSearchLength] : search,
                FilterRole is { } role && Enum.IsDefined(role) ? role : null,
                FilterStatus is { } status && Enum.IsDefined(status) ? status : null);
            ids = (await directory.MatchingIdsAsync(Account.Account, query, BulkUserErrors.MaxUsers, HttpContext.RequestAborted)).ToList();
            if (ids.Count > BulkUserErrors.MaxUsers)
            {
                return null;
            }
        }

        return new BulkUserRequest(Action ?? BulkUserAction.Suspend, ids, NewRole);
    }

    /// <summary>"Suspend" as the confirmation's question and button say it.</summary>
    public string Verb => Plan.Action switch
    {
        BulkUserAction.Suspend => "Suspend",
        BulkUserAction.Unsuspend => "Unsuspend",
        BulkUserAction.Remove => "Remove",
        _ => $"Make {Plan.Role!.Value.Display()}",
    };

    public static string Users(int count) => English.Count(count, "user");

    private static string Done(BulkUserPlan plan)
    {
        var names = plan.Changes.Count switch
        {
            0 => "",
            <= 5 => ": " + English.List(plan.Changes.Select(c => c.Name).ToList()),
            _ => $": {string.Join(", ", plan.Changes.Take(4).Select(c => c.Name))} and {plan.Changes.Count - 4:N0} more",
        };
        var what = plan.Action switch
        {
            BulkUserAction.Suspend => $"Suspended {Users(plan.Changes.Count)} in {plan.AccountName}{names}. They have been e-mailed.",
            BulkUserAction.Unsuspend => $"Unsuspended {Users(plan.Changes.Count)} in {plan.AccountName}{names}. They can use the account again.",
            BulkUserAction.Remove => $"Removed {Users(plan.Changes.Count)} from {plan.AccountName}{names}. They have been e-mailed; Archived Users can restore them.",
            _ => $"Role in {plan.AccountName} changed to {plan.Role!.Value.Display()} for {Users(plan.Changes.Count)}{names}. They have been e-mailed.",
        };
        return plan.Refusals.Count == 0 ? what : $"{what} {Users(plan.Refusals.Count)} left as they were.";
    }
}
