namespace AccountAdmin.Core.Owners;

/// <summary>Why a change to an account's Owners was refused (seed 003): one code and message for each rule.</summary>
public static class OwnerErrors
{
    public static readonly CommandError OnlyOwnersRequest = new("OnlyOwnersRequest", "Only an Owner of this account can ask for an Owner's removal.");
    public static readonly CommandError NotAnOwner = new("NotAnOwner", "This user is not an Owner of this account.");
    public static readonly CommandError OwnOwnerRemoval = new("OwnOwnerRemoval", "You can't ask for your own removal as Owner; another Owner has to.");
    public static readonly CommandError NewRoleMustDiffer = new("NewRoleMustDiffer", "Choose the role the user will have instead of Owner.", "NewRole");
    public static readonly CommandError RequestPending = new("RequestPending", "A removal request for this Owner is already waiting for their answer.");
    public static readonly CommandError RequestDecided = new("RequestDecided", "This request has already been answered.");
    public static readonly CommandError LastOwner = new("LastOwner", "The account must keep at least one active Owner.");
}
