namespace AccountAdmin.Core.Routing;

/// <summary>Why a change to an account's routing was refused (seed 001): one code and message per rule, keyed by field.</summary>
public static class RoutingErrors
{
    public const int MaxName = 200;

    public static readonly CommandError NameRequired = new("Name", "Enter a name for the routing method.", "Name");
    public static readonly CommandError NameTooLong = new("Name", $"Enter a name of at most {MaxName} characters, without control characters.", "Name");
    public static readonly CommandError DuplicateName = new("DuplicateName", "The account already has a routing method with this name.", "Name");
    public static readonly CommandError Kind = new("Kind", "Choose Queue, Smart Router or Tracking Number Call Routing.", "Kind");
    public static readonly CommandError NoneChosen = new("NoneChosen", "Tick the agents to add.", "UserIds");
    public static readonly CommandError NotEligible = new(
        "NotEligible", "Only this account's Call Agents can be routed to; someone you chose is not one (any more). Nothing was saved.", "UserIds");
    public static readonly CommandError TooMany = new("TooMany", "Add at most 1,000 agents at a time.", "UserIds");
    public static readonly CommandError ChangedMeanwhile = new(
        "ChangedMeanwhile", "Someone else changed this routing method's agents while you were looking. Nothing was saved: here they are now, make your change again.");

    public static CommandError? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? NameRequired
        : name.Trim().Length > MaxName || name.Any(char.IsControl) ? NameTooLong
        : null;
}
