namespace AccountAdmin.Core.Users;

/// <summary>Why user administration refused a change: one code and message for each rule.</summary>
public static class UserAdministrationErrors
{
    public static readonly CommandError CannotRemoveSelf = new("CannotRemoveSelf", "You can't remove yourself from an account.");
    public static readonly CommandError CannotSuspendSelf = new("CannotSuspendSelf", "You can't suspend or unsuspend yourself.");
    public static readonly CommandError TargetOutranksActor = new(
        "TargetOutranksActor", "This user can do more in this account than you can, so you can't change their access.");
    public static readonly CommandError OwnerRemoval = new(
        "OwnerRemoval", "An Owner can't be removed directly: another Owner asks, and the Owner being removed approves.");
    public static readonly CommandError AgencyAdministrator = new(
        "AgencyAdministrator",
        "Agency Administrators can't be removed from a single account. They are removed from all of the agency's accounts at once, from the agency's All Accounts list.");
    public static readonly CommandError RoleAboveActor = new(
        "RoleAboveActor", "This user's role here is above yours, so only someone with that role can restore them.");
    public static readonly CommandError OnlyOwnersRequest = new("OnlyOwnersRequest", "Only an Owner of this account can ask for an Owner's removal.");
    public static readonly CommandError NotAnOwner = new("NotAnOwner", "This user is not an Owner of this account.");
    public static readonly CommandError OwnOwnerRemoval = new("OwnOwnerRemoval", "You can't ask for your own removal as Owner; another Owner has to.");
    public static readonly CommandError NewRoleMustDiffer = new("NewRoleMustDiffer", "Choose the role the user will have instead of Owner.", "NewRole");
    public static readonly CommandError RequestPending = new("RequestPending", "A removal request for this Owner is already waiting for their answer.");
    public static readonly CommandError RequestDecided = new("RequestDecided", "This request has already been answered.");
    public static readonly CommandError LastOwner = new("LastOwner", "The account must keep at least one active Owner.");
    public static readonly CommandError AlreadyRemoved = new("AlreadyRemoved", "This user has already been removed from this account.");
    public static readonly CommandError AlreadyRestored = new("AlreadyRestored", "This user has already been restored to this account.");
    public static readonly CommandError AlreadySuspended = new("AlreadySuspended", "This user is already suspended in this account.");
    public static readonly CommandError NotSuspended = new("NotSuspended", "This user is not suspended in this account.");
    public static readonly CommandError SupportStaff = new(
        "SupportStaff", "Support staff can't be given a role in a customer's account.");

    /// <summary>An agency-wide change reaches an account where the actor is suspended.</summary>
    public static CommandError SuspendedThere(string account, string field = "") => new(
        "SuspendedThere",
        $"You are suspended in {account}, and this change reaches it. While you are suspended there you can change nothing there, whatever your agency role. Nothing was saved.",
        field);

    /// <summary>A change to the user reaches accounts where the actor doesn't manage users, or where the user can do more.</summary>
    public static CommandError BeyondReach(IEnumerable<string> accounts, string field = "")
    {
        var names = accounts.Order(StringComparer.OrdinalIgnoreCase).ToList();
        var list = string.Join(", ", names.Take(3)) + (names.Count > 3 ? $" and {English.Count(names.Count - 3, "other account")}" : "");
        return new(
            "BeyondReach",
            $"This user also works in {list}, where you don't manage users or they can do more than you, so you can't change their name, e-mail, username, phone or password. Someone who manages users in every account they work in can.",
            field);
    }
}
