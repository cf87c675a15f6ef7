namespace AccountAdmin.Core.Model;

/// <summary>A named group of an agency's accounts (seed 002).</summary>
public sealed class Division
{
    private Division() { }

    public Division(Guid agencyId, string name, string? description, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        AgencyId = agencyId;
        CreatedAt = createdAt;
        Rename(name, description);
    }

    public Guid Id { get; private set; }
    public Guid AgencyId { get; private set; }
    public string Name { get; private set; } = "";
    public string NormalizedName { get; private set; } = "";
    public string? Description { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public void Rename(string name, string? description)
    {
        Name = name.Trim();
        NormalizedName = Name.ToUpperInvariant();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }
}

/// <summary>A user assigned to a division: Report Manager on each of its accounts.</summary>
public sealed class DivisionMember
{
    private DivisionMember() { }

    public DivisionMember(Guid divisionId, Guid userId, DateTime addedAt)
    {
        DivisionId = divisionId;
        UserId = userId;
        AddedAt = addedAt;
    }

    public Guid DivisionId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime AddedAt { get; private set; }
}

/// <summary>A Division Administrator: Administrator on each of the division's accounts.</summary>
public sealed class DivisionAdministrator
{
    private DivisionAdministrator() { }

    public DivisionAdministrator(Guid divisionId, Guid userId, DateTime addedAt)
    {
        DivisionId = divisionId;
        UserId = userId;
        AddedAt = addedAt;
    }

    public Guid DivisionId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime AddedAt { get; private set; }
}
