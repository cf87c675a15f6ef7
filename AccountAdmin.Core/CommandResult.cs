namespace AccountAdmin.Core;

public sealed record CommandError(string Code, string Message, string Field = "");

public enum CommandStatus
{
    Done = 1,

    /// <summary>No such account, or the user is not one of its members: to the caller, nothing to see.</summary>
    NotFound = 2,

    /// <summary>The actor lacks the permission.</summary>
    Forbidden = 3,

    /// <summary>A rule says no; <see cref="CommandResult.Errors"/> says which.</summary>
    Refused = 4,
}

/// <summary>The outcome of a change asked of Core: done, or why not, with errors keyed by field.</summary>
public sealed record CommandResult(CommandStatus Status, IReadOnlyList<CommandError> Errors)
{
    public static readonly CommandResult Done = new(CommandStatus.Done, []);
    public static readonly CommandResult NotFound = new(CommandStatus.NotFound, []);
    public static readonly CommandResult Forbidden = new(CommandStatus.Forbidden, []);

    public static CommandResult Refused(params CommandError[] errors) => new(CommandStatus.Refused, errors);

    public bool Succeeded => Status == CommandStatus.Done;
}
