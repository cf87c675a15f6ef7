using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

public sealed class IndexModel(
    IAccessService access, CurrentAccount current, IUserDirectory directory, UserListCursor cursors, IUserAdministration administration,
    IUserExport export, TimeProvider clock)
    : AccountPageModel(access, current)
{
    public const int MaxSearchLength = 100;

    [FromQuery(Name = "q")] public string? Search { get; set; }
    [FromQuery(Name = "role")] public string? RoleText { get; set; }
    [FromQuery(Name = "status")] public string? StatusText { get; set; }
    [FromQuery(Name = "sort")] public string? SortText { get; set; }
    [FromQuery(Name = "dir")] public string? DirectionText { get; set; }
    [FromQuery(Name = "size")] public string? SizeText { get; set; }
    [FromQuery(Name = "after")] public string? After { get; set; }
    [FromQuery(Name = "before")] public string? Before { get; set; }

    public UserListQuery Query { get; private set; } = new();
    public UserListPage Result { get; private set; } = new([], null, null);

    /// <summary>How many users the search and filters find, across every page; null when there are too many to count.</summary>
    public int? Total { get; private set; }

    /// <summary>"1,070 users", "More than 10,000 users" where a search's count stops, or "Many users" where it was not counted.</summary>
    public string TotalText => Total switch
    {
        null => "Many users",
        > UserDirectory.CountLimit when Filtered => $"More than {UserDirectory.CountLimit:N0} users",
        { } total => English.Count(total, "user"),
    };

    /// <summary>Whether the search and filters find more users than this page shows.</summary>
    public bool MoreThanShown => Result.NextAfter is not null || Result.PreviousBefore is not null || Total > Result.Rows.Count;

    /// <summary>"the users" where the total is not known exactly, else "1,070 users".</summary>
    public string AllText => Total is { } total && (total <= UserDirectory.CountLimit || !Filtered) ? English.Count(total, "user") : "the users";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        Query = ReadQuery();
        Result = await directory.ListAsync(Account.Account, Query, HttpContext.RequestAborted);
        Total = Result.Rows.Count < Query.PageSize && Query.After is null && Query.Before is null
            ? Result.Rows.Count
            : await directory.CountAsync(Account.Account, Query, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The whole list as the current filter shows it, as CSV, streamed as it is read.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        Query = ReadQuery() with { After = null, Before = null };
        await using var writer = await CsvDownload.StartAsync(Response, $"{Account.Account.AccountName} users {clock.GetUtcNow():yyyy-MM-dd}.csv");
        await export.WriteCsvAsync(Account.Account, Query, writer, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostUnsuspendAsync(Guid userId, string? returnUrl)
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var member = await directory.FindMemberAsync(AccountId, userId, HttpContext.RequestAborted);
        var result = await administration.UnsuspendAsync(User.GetUserId(), AccountId, userId, HttpContext.RequestAborted);
        return AfterCommand(result, $"{member?.Name} can use {Account.Account.AccountName} again.", returnUrl ?? "");
    }

    public Guid Me => User.GetUserId();

    /// <summary>This list's own address, to come back to after an action.</summary>
    public string Here => Request.Path + Request.QueryString;

    /// <summary>Out-of-range parameters fall back to their defaults; a link that does not decode starts over at page one.</summary>
    private UserListQuery ReadQuery()
    {
        var search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        if (search is { Length: > MaxSearchLength })
        {
            search = search[..MaxSearchLength];
        }

        var sort = Parse<UserSort>(SortText) ?? UserSort.Name;
        var descending = string.Equals(DirectionText, "desc", StringComparison.OrdinalIgnoreCase);
        var size = int.TryParse(SizeText, out var n) && UserListQuery.PageSizes.Contains(n) ? n : UserListQuery.DefaultPageSize;

        string? after = null, before = null;
        if (After is { Length: > 0 } || Before is { Length: > 0 })
        {
            var token = After ?? Before!;
            var key = cursors.Decode(token, AccountId, UserListCursor.ListOf(sort, descending));
            if (key is null)
            {
                ViewData["Status"] = new StatusMessage(StatusKind.Warning, "That page link is not valid for this list any more, so the list starts again at the first page.");
            }
            else if (After is { Length: > 0 })
            {
                after = key;
            }
            else
            {
                before = key;
            }
        }

        Search = search;
        return new UserListQuery(search, Parse<AccountRole>(RoleText), Parse<UserStatus>(StatusText), sort, descending, after, before, size);
    }

    private static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _) ? value : null;

    public string Cursor(string key) => cursors.Encode(AccountId, UserListCursor.ListOf(Query.Sort, Query.Descending), key);

    /// <summary>The query string for this list with some of its parameters changed.</summary>
    public Dictionary<string, string?> Link(
        UserSort? sort = null, bool? descending = null, string? after = null, string? before = null)
    {
        var link = new Dictionary<string, string?>
        {
            ["q"] = Query.Search,
            ["role"] = Query.Role?.ToString(),
            ["status"] = Query.Status?.ToString(),
            ["sort"] = (sort ?? Query.Sort) == UserSort.Name ? null : (sort ?? Query.Sort).ToString(),
            ["dir"] = (descending ?? Query.Descending) ? "desc" : null,
            ["size"] = Query.PageSize == UserListQuery.DefaultPageSize ? null : Query.PageSize.ToString(),
            ["after"] = after,
            ["before"] = before,
        };
        return link.Where(p => p.Value is not null).ToDictionary();
    }

    /// <summary>Sorting by a column: ascending first, then the other way round on a second click.</summary>
    public Dictionary<string, string?> SortLink(UserSort sort) =>
        Link(sort, descending: Query.Sort == sort ? !Query.Descending : sort == UserSort.LastSignIn);

    public string? SortState(UserSort sort) =>
        Query.Sort != sort ? null : Query.Descending ? "descending" : "ascending";

    public bool Filtered => Query.Search is not null || Query.Role is not null || Query.Status is not null;
}
