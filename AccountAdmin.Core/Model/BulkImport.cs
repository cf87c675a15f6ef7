namespace AccountAdmin.Core.Model;

/// <summary>
/// One applied Bulk Add batch: what it did, for its summary page. Its id is chosen when the batch is previewed,
/// so the same batch submitted twice is recognised and applied once.
/// </summary>
public sealed class BulkImport
{
    private BulkImport() { }

    public BulkImport(Guid id, Guid accountId, Guid actorUserId, AccountRole role, bool invitationsSent, DateTime createdAt, BulkImportCounts counts, string rejected)
    {
        Id = id;
        AccountId = accountId;
        ActorUserId = actorUserId;
        Role = role;
        InvitationsSentAt = invitationsSent ? createdAt : null;
        CreatedAt = createdAt;
        Lines = counts.Lines;
        NewUsers = counts.NewUsers;
        Granted = counts.Granted;
        AlreadyMembers = counts.AlreadyMembers;
        Invalid = counts.Invalid;
        Rejected = rejected;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid ActorUserId { get; private set; }
    public AccountRole Role { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>When the new users' invitations were queued: with the batch, later from its summary, or not yet.</summary>
    public DateTime? InvitationsSentAt { get; private set; }

    public int Lines { get; private set; }
    public int NewUsers { get; private set; }
    public int Granted { get; private set; }
    public int AlreadyMembers { get; private set; }
    public int Invalid { get; private set; }

    /// <summary>The lines that were not applied, one per line as "number, tab, reason, tab, text", to correct and resubmit.</summary>
    public string Rejected { get; private set; } = "";

    public BulkImportCounts Counts => new(Lines, NewUsers, Granted, AlreadyMembers, Invalid);

    public void InvitationsSent(DateTime at) => InvitationsSentAt = at;
}

public sealed record BulkImportCounts(int Lines, int NewUsers, int Granted, int AlreadyMembers, int Invalid);

/// <summary>A user a batch made or gave access.</summary>
public sealed class BulkImportUser
{
    private BulkImportUser() { }

    public BulkImportUser(Guid importId, Guid userId, bool created)
    {
        ImportId = importId;
        UserId = userId;
        Created = created;
    }

    public Guid ImportId { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>Made by the batch, as opposed to an existing user given access.</summary>
    public bool Created { get; private set; }
}
