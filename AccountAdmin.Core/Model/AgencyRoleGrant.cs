namespace AccountAdmin.Core.Model;

/// <summary>An agency-wide role: applies to every account of the agency.</summary>
public sealed class AgencyRoleGrant
{
    private AgencyRoleGrant() { }

    public AgencyRoleGrant(Guid agencyId, Guid userId, AgencyRole role, DateTime grantedAt, Guid? grantedById)
    {
        Id = Guid.NewGuid();
        AgencyId = agencyId;
        UserId = userId;
        Role = role;
        GrantedAt = grantedAt;
        GrantedById = grantedById;
    }

    public Guid Id { get; private set; }
    public Guid AgencyId { get; private set; }
    public Guid UserId { get; private set; }
    public AppUser User { get; private set; } = null!;
    public AgencyRole Role { get; private set; }
    public DateTime GrantedAt { get; private set; }
    public Guid? GrantedById { get; private set; }
}
