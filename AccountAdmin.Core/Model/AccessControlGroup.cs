namespace AccountAdmin.Core.Model;

/// <summary>A named group in an account; Call Agents, Call Managers and Report Managers can be placed in it.</summary>
public sealed class AccessControlGroup
{
    private AccessControlGroup() { }

    public AccessControlGroup(Guid accountId, string name)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        Rename(name);
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The name whatever its case: unique in the account.</summary>
    public string NormalizedName { get; private set; } = "";

    public void Rename(string name)
    {
        Name = name.Trim();
        NormalizedName = Name.ToUpperInvariant();
    }
}
