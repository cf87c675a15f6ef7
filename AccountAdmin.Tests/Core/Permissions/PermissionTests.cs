using AccountAdmin.Core.Permissions;

namespace AccountAdmin.Tests.Core.Permissions;

public sealed class PermissionTests
{
    [Theory]
    [InlineData(Permission.ManageUsers, "Manage users")]
    [InlineData(Permission.ManageOwners, "Manage owners")]
    [InlineData(Permission.ManageAccountSettings, "Manage account settings")]
    [InlineData(Permission.ViewBilling, "View billing")]
    [InlineData(Permission.ManageReports, "Manage reports")]
    [InlineData(Permission.ViewAllCalls, "View and edit the whole call log")]
    [InlineData(Permission.MakeCalls, "View own calls and make calls")]
    [InlineData(Permission.ManageDivisions, "Manage divisions")]
    [InlineData(Permission.CreateAccounts, "Create accounts")]
    [InlineData(Permission.ManageAgencyUsers, "Manage the agency's users")]
    [InlineData(Permission.ManageAgencyRoles, "Give agency roles")]
    [InlineData((Permission)99, "99")]
    public void EachPermission_IsShownInTheWordsOfThePermissionTable(Permission permission, string shown) =>
        Assert.Equal(shown, permission.Display());
}
