using AccountAdmin.Core.Divisions;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// What a two-list picker posts: what it has moved in and out and not saved yet, the page and filter of each list, and
/// the move or page turn asked for.
/// </summary>
public sealed class PickerInput
{
    public const string Add = "add";
    public const string AddAll = "add-all";
    public const string Remove = "remove";
    public const string RemoveAll = "remove-all";
    public const string Filter = "filter";

    public string? Editor { get; set; }

    /// <summary>Tokens of what was put in (<see cref="PickerTokens"/>).</summary>
    public string? Added { get; set; }

    /// <summary>Tokens of what was taken out.</summary>
    public string? Removed { get; set; }

    /// <summary>Selected on the left.</summary>
    public List<string> Chosen { get; set; } = [];

    /// <summary>Selected on the right.</summary>
    public List<string> Dropped { get; set; } = [];

    public string? Move { get; set; }

    /// <summary>A page turn: <c>left:</c> or <c>right:</c> and where that list's page starts.</summary>
    public string? Page { get; set; }

    public string? LeftFilter { get; set; }

    public string? RightFilter { get; set; }

    /// <summary>Where each list's shown page starts (after that item), empty for the first page.</summary>
    public string? LeftFrom { get; set; }

    public string? RightFrom { get; set; }

    /// <summary>The pending moves as posted; null when the page did not write them.</summary>
    public PickerPending? Pending() =>
        PickerTokens.Parse(Added) is { } added && PickerTokens.Parse(Removed) is { } removed
            ? new PickerPending(added, removed.Select(i => i.Id).ToList())
            : null;
}

/// <summary>One picker as the page shows it: a page of each list, with the unsaved moves and where each page starts.</summary>
public sealed record TwoListPicker(
    DivisionEditor Editor, PickerPage Left, PickerPage Right, PickerPending Pending,
    string? LeftFilter = null, string? RightFilter = null, string? LeftFrom = null, string? RightFrom = null)
{
    public const int PageSize = 100;

    public string Added => PickerTokens.Tokens(Pending.Added);

    public string Removed => PickerTokens.Tokens(Pending.Removed.Select(id => new PickedItem(id, null)));

    /// <summary>The page start a posted cursor names: an item's id, or none for the first page.</summary>
    public static Guid? Cursor(string? from) => Guid.TryParseExact(from ?? "", "N", out var id) ? id : null;

    public static string Label(PickerOption option) =>
        option.DivisionName is { } division ? $"{option.Label} * ({division})"
        : option.Detail is { } detail ? $"{option.Label} · {detail}"
        : option.Label;
}
