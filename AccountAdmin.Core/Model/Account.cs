namespace AccountAdmin.Core.Model;

public sealed class Account
{
    private Account() { }

    public Account(Guid agencyId, string name, DateTime createdAt, Guid? divisionId = null)
    {
        Id = Guid.NewGuid();
        AgencyId = agencyId;
        Name = name;
        CreatedAt = createdAt;
        DivisionId = divisionId;
    }

    public Guid Id { get; private set; }
    public Guid AgencyId { get; private set; }
    public Agency Agency { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public Guid? DivisionId { get; private set; }
    public Division? Division { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// How many current memberships the account has, kept by the database's triggers in the transaction of every change to
    /// its memberships; never written by the portal.
    /// </summary>
    public int MemberCount { get; private set; }

    /// <summary>Whose sign-in here must have a second factor, beyond what the agency requires.</summary>
    public TwoFactorRequirement TwoFactorRequirement { get; private set; }

    public void Rename(string name) => Name = name;

    public void RequireTwoFactor(TwoFactorRequirement requirement) => TwoFactorRequirement = requirement;

}
