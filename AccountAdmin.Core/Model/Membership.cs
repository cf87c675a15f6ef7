namespace AccountAdmin.Core.Model;

/// <summary>
/// A user's role in one account. Ending it keeps the row as history (Archived Users).
/// It carries copies of the user's sort keys (<see cref="AppUser.RefreshKeys"/>) so that an account's user list pages
/// through one index, whatever the account's size.
/// </summary>
public sealed class Membership
{
    private Membership() { }

    public Membership(Guid accountId, AppUser user, AccountRole role, DateTime grantedAt, Guid? grantedById)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        UserId = user.Id;
        Role = role;
        Status = MembershipStatus.Active;
        GrantedAt = grantedAt;
        GrantedById = grantedById;
        RefreshKeys(user);
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Account Account { get; private set; } = null!;
    public Guid UserId { get; private set; }
    public AppUser User { get; private set; } = null!;
    public AccountRole Role { get; private set; }
    public MembershipStatus Status { get; private set; }
    public DateTime GrantedAt { get; private set; }
    public Guid? GrantedById { get; private set; }
    public DateTime? SuspendedAt { get; private set; }
    public Guid? SuspendedById { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public Guid? EndedById { get; private set; }

    public string NameKey { get; private set; } = "";
    public string EmailKey { get; private set; } = "";
    public string SignInKey { get; private set; } = "";

    public bool IsCurrent => EndedAt is null;

    public void ChangeRole(AccountRole role) => Role = role;

    public void Suspend(Guid by, DateTime at)
    {
        Status = MembershipStatus.Suspended;
        SuspendedAt = at;
        SuspendedById = by;
    }

    public void Unsuspend()
    {
        Status = MembershipStatus.Active;
        SuspendedAt = null;
        SuspendedById = null;
    }

    public void End(Guid by, DateTime at)
    {
        EndedAt = at;
        EndedById = by;
    }

    public void Restore(Guid by, DateTime at)
    {
        EndedAt = null;
        EndedById = null;
        Status = MembershipStatus.Active;
        GrantedAt = at;
        GrantedById = by;
    }

    public void RefreshKeys(AppUser user)
    {
        NameKey = user.NameKey;
        EmailKey = user.EmailKey;
        SignInKey = user.SignInKey;
    }
}
