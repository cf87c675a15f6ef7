using AccountAdmin.Core.Divisions;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>What a two-list picker posts: the right-hand list as it stands, the list it started from, and a move to make.</summary>
public sealed class PickerInput
{
    public const string Add = "add";
    public const string AddAll = "add-all";
    public const string Remove = "remove";
    public const string RemoveAll = "remove-all";

    public string? Editor { get; set; }

    public string? Assigned { get; set; }

    public string? Original { get; set; }

    /// <summary>Selected on the left.</summary>
    public List<string> Chosen { get; set; } = [];

    /// <summary>Selected on the right.</summary>
    public List<string> Dropped { get; set; } = [];

    public string? Move { get; set; }

    public string? LeftFilter { get; set; }

    public string? RightFilter { get; set; }
}

/// <summary>One picker as the page shows it: two lists of options, each already filtered, and the hidden state behind them.</summary>
public sealed record TwoListPicker(
    DivisionEditor Editor, IReadOnlyList<PickerOption> Left, IReadOnlyList<PickerOption> Right, int LeftTotal, int RightTotal,
    string Assigned, string Original, string? LeftFilter, string? RightFilter)
{
    public static TwoListPicker Fresh(DivisionEditor editor, PickerLists lists)
    {
        var assigned = lists.Assigned.Select(PickerTokens.Token).ToList();
        return new(editor, lists.Eligible, lists.Assigned, lists.Eligible.Count, lists.Assigned.Count,
            string.Join(',', assigned), string.Join(',', assigned), null, null);
    }

    /// <summary>
    /// The picker after a move made without script: the posted right-hand list changed by the move, laid over today's lists.
    /// An item keeps the token it was picked with, so that a move made meanwhile by someone else is still noticed on save.
    /// </summary>
    public static TwoListPicker? After(DivisionEditor editor, PickerLists lists, PickerInput input)
    {
        if (PickerTokens.Parse(input.Assigned) is not { } assigned || PickerTokens.Parse(input.Original) is null)
        {
            return null;
        }

        var all = lists.Eligible.Concat(lists.Assigned).ToDictionary(o => o.Id);
        var right = assigned.Where(i => all.ContainsKey(i.Id))
            .ToDictionary(i => i.Id, i => all[i.Id] with { DivisionId = i.ShownIn, DivisionName = i.ShownIn is null ? null : all[i.Id].DivisionName });
        switch (input.Move)
        {
            case PickerInput.Add:
            case PickerInput.AddAll:
                var chosen = input.Move == PickerInput.AddAll
                    ? all.Values.Where(o => !right.ContainsKey(o.Id) && Matches(o, input.LeftFilter)).Select(o => new PickedItem(o.Id, o.DivisionId))
                    : PickerTokens.Parse(string.Join(',', input.Chosen)) ?? [];
                foreach (var item in chosen.Where(i => all.ContainsKey(i.Id)))
                {
                    right[item.Id] = all[item.Id] with { DivisionId = item.ShownIn, DivisionName = item.ShownIn is null ? null : all[item.Id].DivisionName };
                }

                break;
            case PickerInput.Remove:
            case PickerInput.RemoveAll:
                var dropped = input.Move == PickerInput.RemoveAll
                    ? right.Values.Where(o => Matches(o, input.RightFilter)).Select(o => o.Id).ToList()
                    : (PickerTokens.Parse(string.Join(',', input.Dropped)) ?? []).Select(i => i.Id).ToList();
                foreach (var id in dropped)
                {
                    right.Remove(id);
                }

                break;
        }

        // What leaves the right-hand list goes back to the left as it is now.
        var rightList = right.Values.OrderBy(o => o.Label, StringComparer.OrdinalIgnoreCase).ThenBy(o => o.Id).ToList();
        var leftList = all.Values.Where(o => !right.ContainsKey(o.Id)).OrderBy(o => o.Label, StringComparer.OrdinalIgnoreCase).ThenBy(o => o.Id).ToList();
        return new(
            editor,
            leftList.Where(o => Matches(o, input.LeftFilter)).ToList(),
            rightList.Where(o => Matches(o, input.RightFilter)).ToList(),
            leftList.Count, rightList.Count,
            PickerTokens.Tokens(rightList.Select(o => new PickedItem(o.Id, o.DivisionId))),
            input.Original ?? "",
            Blank(input.LeftFilter), Blank(input.RightFilter));
    }

    public static string Label(PickerOption option) =>
        option.DivisionName is { } division ? $"{option.Label} * ({division})"
        : option.Detail is { } detail ? $"{option.Label} · {detail}"
        : option.Label;

    private static bool Matches(PickerOption option, string? filter) =>
        string.IsNullOrWhiteSpace(filter) || Label(option).Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
