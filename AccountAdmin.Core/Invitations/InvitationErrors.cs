namespace AccountAdmin.Core.Invitations;

/// <summary>Why an invitation's or a reset's link was refused.</summary>
public static class InvitationErrors
{
    public static readonly CommandError Expired = new("Expired", "This link has expired or has already been used. Ask an administrator to send a new one.");
}
