namespace AccountAdmin.Core.Sessions;

/// <summary>Why a change to one's own sessions was refused.</summary>
public static class SessionErrors
{
    public static readonly CommandError ThisSession = new("ThisSession", "That is this browser. To end it, sign out.");
    public static readonly CommandError ConfirmFirst = new(
        "ConfirmFirst", "For this change, confirm it's you first: enter your password again, or use a passkey.");
}
