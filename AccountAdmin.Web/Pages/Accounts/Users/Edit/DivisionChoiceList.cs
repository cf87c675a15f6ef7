using AccountAdmin.Core.Divisions;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>
/// What Edit Assigned Divisions lists: the divisions whose box was changed and not saved yet, wherever they are, then a
/// page of those whose name holds the filter. A save changes only the divisions listed, so a change made on one page
/// is still there after turning to another.
/// </summary>
public sealed record DivisionChoiceList(
    IReadOnlyList<(UserDivision Division, bool Ticked)> Listed, int Matching, Guid? Next, string? Filter, bool Searchable)
{
    public const int PageSize = 50;

    /// <summary>Below this many the list is short enough to read whole, and has no search.</summary>
    public const int SearchFrom = 10;

    public static DivisionChoiceList Of(IReadOnlyList<UserDivision> editable, DivisionsInput? posted)
    {
        var shown = posted?.Shown.ToHashSet() ?? [];
        var chosen = posted?.Chosen.ToHashSet() ?? [];
        bool Ticked(UserDivision d) => shown.Contains(d.Id) ? chosen.Contains(d.Id) : d.Member;

        var changed = editable.Where(d => Ticked(d) != d.Member).ToList();
        var filter = string.IsNullOrWhiteSpace(posted?.Filter) ? null : posted.Filter.Trim();
        var matching = editable.Where(d => filter is null || d.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        var after = Guid.TryParseExact(posted?.After ?? "", "N", out var id) ? matching.FindIndex(d => d.Id == id) + 1 : 0;
        var page = matching.Skip(after).Take(PageSize).ToList();
        var listed = changed.Concat(page.Where(d => !changed.Contains(d))).Select(d => (d, Ticked(d))).ToList();
        return new DivisionChoiceList(
            listed, matching.Count, after + PageSize < matching.Count ? page[^1].Id : null, filter, editable.Count >= SearchFrom);
    }

    public string Said =>
        (Filter, Matching) switch
        {
            (not null, 0) => $"No division matches “{Filter}”.",
            (not null, _) => $"{Matching:N0} match “{Filter}”.",
            _ when Next is not null => $"{Listed.Count:N0} shown of {Matching:N0}.",
            _ => "",
        };
}
