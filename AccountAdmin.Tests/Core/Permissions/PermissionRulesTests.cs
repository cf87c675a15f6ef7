using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;

namespace AccountAdmin.Tests.Core.Permissions;

public sealed class PermissionRulesTests
{
    // DESIGN.md's table, transcribed cell by cell: O = Owner, A = Administrator, B = Billing Manager,
    // R = Report Manager, C = Call Manager, G = Call Agent.
    private const string Table = """
        ManageUsers           O A . . . .
        ManageOwners          O . . . . .
        ManageAccountSettings O A . . . .
        ViewBilling           O A B . . .
        ManageReports         O A . R . .
        ViewAllCalls          O A . R C .
        MakeCalls             O A . R C G
        """;

    private static readonly AccountRole[] Columns =
        [AccountRole.Owner, AccountRole.Administrator, AccountRole.BillingManager, AccountRole.ReportManager, AccountRole.CallManager, AccountRole.CallAgent];

    public static TheoryData<AccountRole, Permission, bool> Cells()
    {
        var cells = new TheoryData<AccountRole, Permission, bool>();
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var permission = Enum.Parse<Permission>(parts[0]);
            for (var i = 0; i < Columns.Length; i++)
            {
                cells.Add(Columns[i], permission, parts[i + 1] != ".");
            }
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void EachRole_HasExactlyThePermissionsOfTheTable(AccountRole role, Permission permission, bool expected)
    {
        var access = PermissionRules.Evaluate(Facts(membership: role));

        Assert.Equal(expected, access.Has(permission));
        if (expected)
        {
            Assert.Equal([Grant.Of(role)], access.SourcesOf(permission));
        }
    }

    [Theory]
    [InlineData(AccountRole.Owner)]
    [InlineData(AccountRole.CallAgent)]
    public void AccountRoles_GiveNoAgencyPowers(AccountRole role)
    {
        var access = PermissionRules.Evaluate(Facts(membership: role));

        Assert.DoesNotContain(access.Permissions, p => p is Permission.ManageDivisions or Permission.CreateAccounts
            or Permission.ManageAgencyUsers or Permission.ManageAgencyRoles);
    }

    [Fact]
    public void AgencyAdministrator_IsOwnerLevelEverywhere_PlusAgencyPowers()
    {
        var access = PermissionRules.Evaluate(Facts(agencyRoles: [AgencyRole.AgencyAdministrator]));

        Assert.Equal(
            [
                Permission.ManageUsers, Permission.ManageOwners, Permission.ManageAccountSettings, Permission.ViewBilling,
                Permission.ManageReports, Permission.ViewAllCalls, Permission.MakeCalls, Permission.ManageDivisions,
                Permission.CreateAccounts, Permission.ManageAgencyUsers, Permission.ManageAgencyRoles,
            ],
            access.Permissions);
        Assert.Equal(AccountRole.Owner, access.EffectiveRole);
        Assert.All(access.Grants, g => Assert.Equal(Grant.Of(AgencyRole.AgencyAdministrator), g.Source));
    }

    [Fact]
    public void AgencyBillingManager_ViewsBillingOnly()
    {
        var access = PermissionRules.Evaluate(Facts(agencyRoles: [AgencyRole.AgencyBillingManager]));

        Assert.Equal([Permission.ViewBilling], access.Permissions);
    }

    [Fact]
    public void MarketingManager_ManagesReportsAndViewsTheCallLog()
    {
        var access = PermissionRules.Evaluate(Facts(agencyRoles: [AgencyRole.MarketingManager]));

        Assert.Equal([Permission.ManageReports, Permission.ViewAllCalls], access.Permissions);
    }

    [Fact]
    public void DivisionAdministrator_IsAdministratorOfTheDivisionsAccounts()
    {
        var access = PermissionRules.Evaluate(Facts(division: "East", divisionAdministrator: true));

        Assert.Equal(PermissionRules.Of(AccountRole.Administrator).Order(), access.Permissions);
        Assert.Equal([Grant.AdministratorOf("East")], access.Sources);
        Assert.False(access.Has(Permission.ManageOwners));
        Assert.Equal(AccountRole.Administrator, access.EffectiveRole);
    }

    [Fact]
    public void DivisionMember_IsReportManagerOfTheDivisionsAccounts()
    {
        var access = PermissionRules.Evaluate(Facts(division: "East", divisionMember: true));

        Assert.Equal(PermissionRules.Of(AccountRole.ReportManager).Order(), access.Permissions);
        Assert.Equal([Grant.MemberOf("East")], access.Sources);
    }

    [Fact]
    public void DivisionGrants_NeedTheAccountToBeInADivision()
    {
        var access = PermissionRules.Evaluate(Facts(division: null, divisionAdministrator: true, divisionMember: true));

        Assert.False(access.Any);
        Assert.Equal(AccessDenial.NoGrant, access.Denial);
    }

    [Fact]
    public void SeveralGrants_GiveTheUnion_WithEverySource()
    {
        var access = PermissionRules.Evaluate(Facts(
            membership: AccountRole.CallAgent, agencyRoles: [AgencyRole.AgencyBillingManager], division: "East", divisionMember: true));

        Assert.True(access.Has(Permission.ViewBilling));
        Assert.True(access.Has(Permission.ManageReports));
        Assert.False(access.Has(Permission.ManageUsers));
        Assert.Equal(
            [Grant.Of(AccountRole.CallAgent), Grant.MemberOf("East")],
            access.SourcesOf(Permission.MakeCalls));
        Assert.Equal([Grant.Of(AgencyRole.AgencyBillingManager)], access.SourcesOf(Permission.ViewBilling));
        Assert.Equal(AccountRole.BillingManager, access.EffectiveRole);
    }

    [Fact]
    public void Suspended_HasNoPermission_WhateverTheGrant()
    {
        var access = PermissionRules.Evaluate(Facts(
            membership: AccountRole.Owner, status: MembershipStatus.Suspended, agencyRoles: [AgencyRole.AgencyAdministrator],
            division: "East", divisionAdministrator: true));

        Assert.False(access.Any);
        Assert.Equal(AccessDenial.Suspended, access.Denial);
    }

    [Fact]
    public void Archived_HasNoPermission_Anywhere()
    {
        var access = PermissionRules.Evaluate(Facts(membership: AccountRole.Owner, agencyRoles: [AgencyRole.AgencyAdministrator], archived: true));

        Assert.False(access.Any);
        Assert.Equal(AccessDenial.Archived, access.Denial);
    }

    [Fact]
    public void NoGrant_HasNoPermission()
    {
        var access = PermissionRules.Evaluate(Facts());

        Assert.False(access.Any);
        Assert.Null(access.EffectiveRole);
    }

    [Fact]
    public void SeveralAgencyRoles_ListTheirSourcesInRoleOrder_AndAUserWithGrantsIsNotDenied()
    {
        var access = PermissionRules.Evaluate(Facts(agencyRoles: [AgencyRole.MarketingManager, AgencyRole.AgencyAdministrator]));

        Assert.Equal([Grant.Of(AgencyRole.AgencyAdministrator), Grant.Of(AgencyRole.MarketingManager)], access.SourcesOf(Permission.ManageReports));
        Assert.Null(access.Denial);
    }

    private static AccessFacts Facts(
        AccountRole? membership = null, MembershipStatus status = MembershipStatus.Active, AgencyRole[]? agencyRoles = null,
        string? division = null, bool divisionAdministrator = false, bool divisionMember = false, bool archived = false) =>
        new(archived, membership, membership is null ? null : status, agencyRoles ?? [], division, divisionAdministrator, divisionMember);
}
