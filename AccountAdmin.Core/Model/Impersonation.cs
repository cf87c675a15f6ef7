namespace AccountAdmin.Core.Model;

/// <summary>Why an impersonation ended.</summary>
public enum ImpersonationEnd
{
    Returned = 1,
    TimedOut = 2,

    /// <summary>The user was suspended, removed, archived, or their sign-in changed.</summary>
    UserLostAccess = 3,

    /// <summary>The impersonator no longer manages users there, or the user can now do more than they can.</summary>
    ImpersonatorLostPermission = 4,

    /// <summary>The impersonator's own sign-in changed (password, archive): their session ends with it.</summary>
    ImpersonatorSignedOut = 5,
}

/// <summary>
/// Someone signed in as another user (seed 004's "log in as"): by an Owner or Administrator, confined to one account;
/// by support staff, to whatever the user can open. Kept after it ends, for the user's profile and the audit log.
/// </summary>
public sealed class Impersonation
{
    private Impersonation() { }

    public Impersonation(
        Guid impersonatorUserId, Guid userId, Guid? agencyId, Guid? accountId, bool bySupport, string? reason, DateTime startedAt, DateTime expiresAt)
    {
        Id = Guid.NewGuid();
        ImpersonatorUserId = impersonatorUserId;
        UserId = userId;
        AgencyId = agencyId;
        AccountId = accountId;
        BySupport = bySupport;
        Reason = reason;
        StartedAt = startedAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid ImpersonatorUserId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid? AgencyId { get; private set; }

    /// <summary>The one account the session may open; null for support staff, who see all the user sees.</summary>
    public Guid? AccountId { get; private set; }

    public bool BySupport { get; private set; }
    public string? Reason { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public ImpersonationEnd? EndReason { get; private set; }

    /// <summary>Ends it once; a later end (a second tab returning) changes nothing.</summary>
    public bool End(ImpersonationEnd reason, DateTime at)
    {
        if (EndedAt is not null)
        {
            return false;
        }

        EndedAt = at;
        EndReason = reason;
        return true;
    }
}
