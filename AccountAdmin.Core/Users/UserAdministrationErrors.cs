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
}
