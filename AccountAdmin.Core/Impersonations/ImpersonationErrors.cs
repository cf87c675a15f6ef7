namespace AccountAdmin.Core.Impersonations;

/// <summary>Why Log in as, or a change made while logged in as someone, was refused (seed 004).</summary>
public static class ImpersonationErrors
{
    public static readonly CommandError Nested = new(
        "Nested", "You are already logged in as someone else. Return to your own account first.");
    public static readonly CommandError NoSuchUser = new("NoSuchUser", "There is no such user.");
    public static readonly CommandError Self = new("Self", "You can't log in as yourself.");
    public static readonly CommandError SupportStaff = new("SupportStaff", "Nobody can log in as a member of the support staff.");
    public static readonly CommandError NotManaged = new("NotManaged", "You don't manage users in this account, so you can't log in as its users.");
    public static readonly CommandError ReasonRequired = new(
        "ReasonRequired", "Say why you are logging in as this user; the user can read it on their profile.", "Reason");
    public static readonly CommandError ReasonTooLong = new("ReasonTooLong", $"Keep the reason to {ImpersonationRules.MaxReason} characters.", "Reason");

    public static CommandError Archived(string name) => new("Archived", $"{name} is archived; restore them before logging in as them.");

    public static CommandError Suspended(string name) => new("Suspended", $"{name} is suspended in this account.");

    public static CommandError NotHere(string name) => new("NotHere", $"{name} is not a user of this account.");

    public static CommandError Outranks(string name) => new("Outranks", $"{name} can do things in this account that you can't, so you can't log in as them.");

    public static CommandError WhileImpersonating(string what, string field) => new(
        "WhileImpersonating", $"While you are logged in as someone else you can't {what}. Return to your own account first.", field);
}
