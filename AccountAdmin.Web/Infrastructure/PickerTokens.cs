using AccountAdmin.Core.Divisions;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// How a two-list picker writes its lists into hidden fields and option values: each item's id, and for an account in
/// another division that division, comma-separated. Core takes the parsed lists.
/// </summary>
public static class PickerTokens
{
    /// <summary>The token a picker option carries: the id, and for an account in another division, that division.</summary>
    public static string Token(Guid id, Guid? shownIn = null) => shownIn is { } division ? $"{id:N}.{division:N}" : id.ToString("N");

    public static string Token(PickerOption option) => Token(option.Id, option.DivisionId);

    public static string Tokens(IEnumerable<PickedItem> items) => string.Join(',', items.Select(i => Token(i.Id, i.ShownIn)));

    /// <summary>Reads a posted list of tokens; null when it was not written by the page.</summary>
    public static IReadOnlyList<PickedItem>? Parse(string? tokens)
    {
        var items = new List<PickedItem>();
        var seen = new HashSet<Guid>();
        foreach (var token in (tokens ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dot = token.IndexOf('.');
            if (!Guid.TryParseExact(dot < 0 ? token : token[..dot], "N", out var id))
            {
                return null;
            }

            Guid? shownIn = null;
            if (dot >= 0)
            {
                if (!Guid.TryParseExact(token[(dot + 1)..], "N", out var division))
                {
                    return null;
                }

                shownIn = division;
            }

            if (seen.Add(id))
            {
                items.Add(new PickedItem(id, shownIn));
            }

            if (items.Count > DivisionRules.MaxPicked)
            {
                return null;
            }
        }

        return items;
    }
}
