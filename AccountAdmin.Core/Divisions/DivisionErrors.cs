namespace AccountAdmin.Core.Divisions;

/// <summary>Why a change to a division, its people or its accounts was refused (seed 002): one code and message for each rule.</summary>
public static class DivisionErrors
{
    public static readonly CommandError DuplicateName = new("DuplicateName", "The agency already has a division with this name.", "Name");
    public static readonly CommandError NameRequired = new("Name", "Enter a name for the division.", "Name");
    public static readonly CommandError NameTooLong = new(
        "Name", $"Enter a name of at most {DivisionRules.MaxName} characters, without control characters.", "Name");
    public static readonly CommandError DescriptionTooLong = new(
        "Description", $"Enter a description of at most {DivisionRules.MaxDescription} characters.", "Description");
    public static readonly CommandError Unreadable = new(
        "Unreadable", "The list could not be read. Open the editor again and make your change once more.", "Assigned");
    public static readonly CommandError NotInAgency = new(
        "NotInAgency", "Something you chose is not part of this agency. Nothing was saved.", "Assigned");

    public static CommandError ChangedMeanwhile(DivisionEditor editor) => new(
        "ChangedMeanwhile",
        $"Someone else changed this division's {(editor == DivisionEditor.Accounts ? "accounts" : "people")} while you were choosing. Nothing was saved; the lists now show where things are, so make your change again.",
        "Assigned");

    public static CommandError AccountsMovedMeanwhile(IReadOnlyList<(string Account, string? Division)> moved) => new(
        "ChangedMeanwhile",
        $"Someone else moved {(moved.Count == 1 ? "an account" : $"{moved.Count} accounts")} while you were choosing: "
        + string.Join("; ", moved.Take(3).Select(m => $"{m.Account} is now in {m.Division ?? "no division"}")) + (moved.Count > 3 ? "; …" : "")
        + ". Nothing was saved; the lists now show where every account is, so make your change again.",
        "Assigned");

    public static CommandError AccountInForeignDivision(string account, string? division) => new(
        "NotManaged", $"{account} belongs to the division {division}, which you don't manage. Nothing was saved.", "Assigned");

    public static CommandError NotAdministered(string account) => new(
        "NotAdministered",
        $"You don't administer {account}, so you can't bring it into a division; an Agency Administrator can. Nothing was saved.",
        "Assigned");

    public static CommandError DivisionNotManaged(string division) => new(
        "NotManaged", $"You don't manage the division {division}. Nothing was saved.", "Divisions");
}
