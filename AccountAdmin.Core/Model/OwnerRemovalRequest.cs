namespace AccountAdmin.Core.Model;

/// <summary>Owner A asks to take the Owner role from owner B; B must approve (seed 003).</summary>
public sealed class OwnerRemovalRequest
{
    private OwnerRemovalRequest() { }

    public OwnerRemovalRequest(Guid accountId, Guid ownerUserId, Guid requestedById, AccountRole newRole, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        OwnerUserId = ownerUserId;
        RequestedById = requestedById;
        NewRole = newRole;
        CreatedAt = createdAt;
        Status = OwnerRemovalStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid OwnerUserId { get; private set; }
    public Guid RequestedById { get; private set; }
    public AccountRole NewRole { get; private set; }
    public OwnerRemovalStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public void Decide(bool approved, DateTime at)
    {
        Status = approved ? OwnerRemovalStatus.Approved : OwnerRemovalStatus.Declined;
        DecidedAt = at;
    }
}

public enum OwnerRemovalStatus
{
    Pending = 1,
    Approved = 2,
    Declined = 3,
}
