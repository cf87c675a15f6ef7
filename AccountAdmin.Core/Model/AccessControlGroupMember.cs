namespace AccountAdmin.Core.Model;

public sealed class AccessControlGroupMember
{
    private AccessControlGroupMember() { }

    public AccessControlGroupMember(Guid groupId, Guid userId)
    {
        GroupId = groupId;
        UserId = userId;
    }

    public Guid GroupId { get; private set; }
    public Guid UserId { get; private set; }
}
