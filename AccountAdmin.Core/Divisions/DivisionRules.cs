namespace AccountAdmin.Core.Divisions;

/// <summary>The three two-list editors of a division's page (seed 002).</summary>
public enum DivisionEditor
{
    Accounts = 1,
    Members = 2,
    Administrators = 3,
}

/// <summary>
/// One item a picker had on its right-hand list: an account remembers the division it was shown in when it was
/// picked, so that a move made by someone else in the meantime is noticed rather than overwritten.
/// </summary>
public sealed record PickedItem(Guid Id, Guid? ShownIn);

/// <summary>What a division's name and a picker's posted lists may hold; each problem is an error keyed by its field.</summary>
public static class DivisionRules
{
    public const int MaxName = 200;
    public const int MaxDescription = 1000;

    /// <summary>More than any agency has; a posted list longer than this was not made by the page.</summary>
    public const int MaxPicked = 50_000;


    public static IEnumerable<CommandError> Details(string? name, string? description)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            yield return DivisionErrors.NameRequired;
        }
        else if (name.Trim().Length > MaxName || name.Any(char.IsControl))
        {
            yield return DivisionErrors.NameTooLong;
        }

        if (description is { Length: > 0 } && (description.Trim().Length > MaxDescription || description.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'))))
        {
            yield return DivisionErrors.DescriptionTooLong;
        }
    }
}
