namespace AccountAdmin.Core.Groups;

/// <summary>Why a change to an account's access control groups was refused (seed 001): one code and message per rule.</summary>
public static class GroupErrors
{
    public const int MaxName = 200;

    public static readonly CommandError NameRequired = new("Name", "Enter a name for the group.", "Name");
    public static readonly CommandError NameTooLong = new("Name", $"Enter a name of at most {MaxName} characters, without control characters.", "Name");
    public static readonly CommandError DuplicateName = new("DuplicateName", "The account already has a group with this name.", "Name");
    public static readonly CommandError NoneChosen = new("NoneChosen", "Tick the users to add to the group.", "UserIds");
    public static readonly CommandError NotEligible = new(
        "NotEligible",
        "Only this account's Call Agents, Call Managers and Report Managers can be in its groups; someone you chose is not one of them (any more). Nothing was saved.",
        "UserIds");
    public static readonly CommandError TooMany = new("TooMany", "Add at most 1,000 users at a time.", "UserIds");

    /// <summary>A name's problem, if any.</summary>
    public static CommandError? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? NameRequired
        : name.Trim().Length > MaxName || name.Any(char.IsControl) ? NameTooLong
        : null;
}
