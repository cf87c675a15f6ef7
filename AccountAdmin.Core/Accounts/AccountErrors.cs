using AccountAdmin.Core.Divisions;

namespace AccountAdmin.Core.Accounts;

/// <summary>Why New Account or an account's settings were refused: one code and message for each rule.</summary>
public static class AccountErrors
{
    public static readonly CommandError NameRequired = new("Name", "Enter a name for the account.", "Name");
    public static readonly CommandError NameTooLong = new(
        "Name", $"Enter a name of at most {DivisionRules.MaxName} characters, without control characters.", "Name");
    public static readonly CommandError ChooseDivision = new("ChooseDivision", "Choose the division the account goes into.", "DivisionId");
    public static readonly CommandError DivisionNotOffered = new("DivisionNotOffered", "Choose one of the divisions listed.", "DivisionId");
    public static readonly CommandError MovedMeanwhile = new(
        "MovedMeanwhile", "Someone else moved this account to another division while you were editing. The form now shows where it is; choose again.", "DivisionId");
}
