namespace AccountAdmin.Core.Invitations;

/// <summary>Why an invitation's or a reset's link was refused.</summary>
public static class InvitationErrors
{
    public static readonly CommandError Expired = new("Expired", "This link has expired or has already been used. Ask an administrator to send a new one.");

    public static readonly CommandError NotInvited = new(
        "NotInvited", "This user has set a password already: there is no invitation to send again or revoke.");

    public static readonly CommandError SentMeanwhile = new(
        "SentMeanwhile", "An invitation was sent to this user at this very moment by someone else: the newest one works.");

    public static readonly CommandError TooMany = new(
        "TooMany", $"An invitation was sent to this user {InvitationRules.ResendsPerHour} times in the last hour. Try again later, or check the address.");
}

public static class InvitationRules
{
    /// <summary>When an invitation sent at <paramref name="sentAt"/> stops working: its link lives as long as the set-password links do.</summary>
    public static DateTime ExpiresAt(DateTime sentAt, LinkOptions links) => sentAt + links.LinkLifespan;

    /// <summary>Invitations sent again to one user in an hour at most: no administrator can flood a mailbox.</summary>
    public const int ResendsPerHour = 3;
}
