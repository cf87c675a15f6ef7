namespace AccountAdmin.Core.Model;

/// <summary>
/// One signed-in browser, recorded on the server so that ending it ends it: a cookie carries its id, and every request
/// checks the session is still live. An impersonation runs inside the impersonator's session.
/// </summary>
public sealed class UserSession
{
    private UserSession() { }

    public UserSession(Guid userId, DateTime createdAt, string? clientIp, string? userAgent)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        CreatedAt = createdAt;
        ClientIp = clientIp is { Length: > 64 } ip ? ip[..64] : clientIp;
        UserAgent = userAgent is { Length: > 256 } agent ? agent[..256] : userAgent;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string? ClientIp { get; private set; }
    public string? UserAgent { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public SessionEnd? EndReason { get; private set; }

    /// <summary>When the user last proved again who they are in this session (password or passkey), for a sensitive change.</summary>
    public DateTime? ConfirmedAt { get; private set; }

    public void Confirm(DateTime now) => ConfirmedAt = now;

    /// <summary>When the browser last made a request in this session, to the minute (null: not since it signed in).</summary>
    public DateTime? LastSeenAt { get; private set; }
}

/// <summary>Why a session ended.</summary>
public enum SessionEnd
{
    SignedOut = 1,
    SignedOutEverywhere = 2,
    PasswordChanged = 3,
    EndedFromAnotherBrowser = 4,
    EndedByAdministrator = 5,
    SecondFactorChanged = 6,
}
