namespace AccountAdmin.Core.Permissions;

/// <summary>What a user may do in one account (DESIGN.md's table), and the agency-wide powers that reach it.</summary>
public enum Permission
{
    ManageUsers = 1,
    ManageOwners = 2,
    ManageAccountSettings = 3,
    ViewBilling = 4,
    ManageReports = 5,
    ViewAllCalls = 6,
    MakeCalls = 7,

    ManageDivisions = 20,
    CreateAccounts = 21,
    ManageAgencyUsers = 22,
    ManageAgencyRoles = 23,
}

public static class PermissionNames
{
    public static string Display(this Permission permission) => permission switch
    {
        Permission.ManageUsers => "Manage users",
        Permission.ManageOwners => "Manage owners",
        Permission.ManageAccountSettings => "Manage account settings",
        Permission.ViewBilling => "View billing",
        Permission.ManageReports => "Manage reports",
        Permission.ViewAllCalls => "View and edit the whole call log",
        Permission.MakeCalls => "View own calls and make calls",
        Permission.ManageDivisions => "Manage divisions",
        Permission.CreateAccounts => "Create accounts",
        Permission.ManageAgencyUsers => "Manage the agency's users",
        Permission.ManageAgencyRoles => "Give agency roles",
        _ => permission.ToString(),
    };
}
