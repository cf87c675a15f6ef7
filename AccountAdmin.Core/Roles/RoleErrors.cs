namespace AccountAdmin.Core.Roles;

/// <summary>Why Assign Roles refused a change: one code and message for each rule.</summary>
public static class RoleErrors
{
    public static readonly CommandError NotManaged = new("NotManaged", "You don't manage users in one of the chosen accounts.", "AddAccountIds");
    public static readonly CommandError OwnerNotGrantable = new("OwnerNotGrantable", "Only Owners can make someone an Owner.", "AddRole");
    public static readonly CommandError AgencyRolesNotGrantable = new(
        "AgencyRolesNotGrantable", "Only Agency Administrators can give or take agency roles.", "AddRole");
    public static readonly CommandError RoleAboveActor = new(
        "RoleAboveActor", "You can only give a role that can do no more than you can in that account.", "AddRole");
    public static readonly CommandError ChooseAccounts = new("ChooseAccounts", "Choose the accounts where the user will have this role.", "AddAccountIds");
    public static readonly CommandError OwnerDemotion = new(
        "OwnerDemotion",
        "This user is an Owner there. An Owner's role changes only when another Owner asks and they approve: use Remove as Owner on Manage Users.");
}
