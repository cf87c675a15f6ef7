using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Permissions;

public abstract class EffectiveAccessTests(CoreFixture fixture)
{
    [Fact]
    public async Task EachAccount_ShowsItsPermissions_WithWhereEachComesFrom()
    {
        var (agency, main, east, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var main = await data.AccountAsync(agency);
            var east = await data.AccountAsync(agency, division);
            await data.AccountAsync(agency, division);
            await data.AccountAsync(agency);
            var user = await data.MemberAsync(main, AccountRole.CallAgent);
            await data.GrantAsync(east, user, AccountRole.BillingManager);
            await data.DivisionMemberAsync(division, user);
            await data.AgencyRoleAsync(agency, user, AgencyRole.AgencyBillingManager);
            return (agency, main, east, user);
        });

        var lines = await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id));

        var mainLine = Assert.Single(lines, l => l.AccountId == main.Id);
        Assert.Equal([Permission.ViewBilling, Permission.MakeCalls], mainLine.Access.Permissions);
        Assert.Equal([Grant.Of(AgencyRole.AgencyBillingManager)], mainLine.Access.SourcesOf(Permission.ViewBilling));
        var eastLine = Assert.Single(lines, l => l.AccountId == east.Id);
        Assert.Contains(eastLine.Access.Sources, s => s.Kind == GrantKind.DivisionMember);
        Assert.Contains(Grant.Of(AccountRole.BillingManager), eastLine.Access.SourcesOf(Permission.ViewBilling));
        var division = Assert.Single(lines, l => l.AccountId is null && l.Scope.Contains("division"));
        Assert.Equal(1, division.AccountCount);
        Assert.True(division.Access.Has(Permission.ManageReports));
        var agencyWide = Assert.Single(lines, l => l.AccountId is null && l.Scope.Contains("agency"));
        Assert.Equal(1, agencyWide.AccountCount);
        Assert.Equal([Permission.ViewBilling], agencyWide.Access.Permissions);
    }

    [Fact]
    public async Task ASuspension_ShowsAsNoPermissionThere()
    {
        var (agency, main, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var main = await data.AccountAsync(agency);
            var user = await data.MemberAsync(main, AccountRole.ReportManager);
            await data.SuspendAsync(main, user);
            return (agency, main, user);
        });

        var line = Assert.Single(await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id)));

        Assert.Equal(main.Id, line.AccountId);
        Assert.Equal(AccessDenial.Suspended, line.Access.Denial);
        Assert.False(line.Access.Any);
    }

    [Fact]
    public async Task TheLines_AreInNameOrder_CountOnlyThisAgencysCurrentGrants_AndADivisionLineOnlyForAccountsNotListed()
    {
        var (agency, alpha, beta, zulu, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var memberOf = await data.DivisionAsync(agency, TestData.Unique("Alpha"));
            var zulu = await data.DivisionAsync(agency, TestData.Unique("zulu"));
            var alpha = await data.AccountAsync(agency, memberOf, TestData.Unique("alpha"));
            var beta = await data.AccountAsync(agency, name: TestData.Unique("Beta"));
            await data.AccountAsync(agency, zulu);
            await data.AccountAsync(agency, zulu);
            var left = await data.AccountAsync(agency);
            var user = await data.MemberAsync(beta, AccountRole.CallAgent);
            await data.GrantAsync(alpha, user, AccountRole.CallAgent);
            await data.GrantAsync(left, user, AccountRole.Owner);
            var ended = await data.Db.Memberships.SingleAsync(m => m.AccountId == left.Id && m.UserId == user.Id);
            ended.End(user.Id, DateTime.UtcNow);
            await data.Db.SaveChangesAsync();
            await data.DivisionMemberAsync(memberOf, user);
            await data.DivisionAdministratorAsync(zulu, user);
            var elsewhere = await data.AgencyAsync();
            await data.GrantAsync(await data.AccountAsync(elsewhere), user, AccountRole.Owner);
            await data.AgencyRoleAsync(elsewhere, user, AgencyRole.AgencyAdministrator);
            return (agency, alpha, beta, zulu, user);
        });

        var lines = await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id));

        Assert.Equal(
            [(alpha.Name, (Guid?)alpha.Id, 1), (beta.Name, beta.Id, 1), ($"The other accounts of the division {zulu.Name}", null, 2)],
            lines.Select(l => (l.Scope, l.AccountId, l.AccountCount)));
        Assert.Equal(PermissionRules.Of(AccountRole.ReportManager).Order(), lines[0].Access.Permissions);
        Assert.Equal([Permission.MakeCalls], lines[1].Access.Permissions);
        Assert.Equal([Grant.AdministratorOf(zulu.Name)], lines[2].Access.Sources);
    }

    [Fact]
    public async Task AnArchivedUser_HasNoPermissionOnAnyLine()
    {
        var (agency, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var user = await data.MemberAsync(await data.AccountAsync(agency), AccountRole.Owner);
            await data.AgencyRoleAsync(agency, user, AgencyRole.AgencyAdministrator);
            await data.AccountAsync(agency);
            await data.ArchiveAsync(user);
            return (agency, user);
        });

        var lines = await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id));

        Assert.Equal(["", "Every other account of the agency"], lines.Select(l => l.AccountId is null ? l.Scope : ""));
        Assert.All(lines, l => Assert.Equal(AccessDenial.Archived, l.Access.Denial));
    }

    [Fact]
    public async Task TheDivisionLines_AreTheUsersOwnDivisionsOfThisAgency_InNameOrder_NotOtherUsersDivisionsNorAnotherAgencys()
    {
        var (agency, alpha, zulu, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var alpha = await data.DivisionAsync(agency, TestData.Unique("Alpha"));
            var zulu = await data.DivisionAsync(agency, TestData.Unique("zulu"));
            var colleagues = await data.DivisionAsync(agency, TestData.Unique("Mid"));
            await data.AccountAsync(agency, alpha);
            await data.AccountAsync(agency, zulu);
            await data.AccountAsync(agency, zulu);
            await data.AccountAsync(agency, colleagues);
            var user = await data.UserAsync("divisions");
            await data.DivisionMemberAsync(alpha, user);
            await data.DivisionAdministratorAsync(zulu, user);
            var colleague = await data.UserAsync("colleague");
            await data.DivisionMemberAsync(colleagues, colleague);
            await data.DivisionAdministratorAsync(colleagues, colleague);
            await data.DivisionAdministratorAsync(alpha, colleague);
            var elsewhere = await data.AgencyAsync();
            var theirsElsewhere = await data.DivisionAsync(elsewhere);
            await data.AccountAsync(elsewhere, theirsElsewhere);
            await data.DivisionMemberAsync(theirsElsewhere, user);
            await data.DivisionAdministratorAsync(theirsElsewhere, user);
            return (agency, alpha, zulu, user);
        });

        var lines = await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id));

        Assert.Equal(
            [($"The other accounts of the division {alpha.Name}", (Guid?)null, 1), ($"The other accounts of the division {zulu.Name}", null, 2)],
            lines.Select(l => (l.Scope, l.AccountId, l.AccountCount)));
        Assert.Equal([Grant.MemberOf(alpha.Name)], lines[0].Access.Sources);
        Assert.Equal([Grant.AdministratorOf(zulu.Name)], lines[1].Access.Sources);
    }

    [Fact]
    public async Task AMembershipInADivisionTheUserIsNotIn_ShowsOnlyTheMembershipsGrant()
    {
        var (agency, account, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var account = await data.AccountAsync(agency, division);
            var user = await data.MemberAsync(account, AccountRole.CallAgent);
            await data.DivisionAdministratorAsync(division, await data.UserAsync("colleague"));
            return (agency, account, user);
        });

        var line = Assert.Single(await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id)));

        Assert.Equal((account.Name, (Guid?)account.Id, 1), (line.Scope, line.AccountId, line.AccountCount));
        Assert.Equal([Grant.Of(AccountRole.CallAgent)], line.Access.Sources);
    }

    [Fact]
    public async Task EveryOtherAccountOfTheAgency_CountsTheAccountsNotListed_ThoseOfDivisionsTheUserIsNotInIncluded()
    {
        var (agency, main, theirs, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var theirs = await data.DivisionAsync(agency);
            var notTheirs = await data.DivisionAsync(agency);
            var main = await data.AccountAsync(agency);
            await data.AccountAsync(agency, theirs);
            await data.AccountAsync(agency);
            await data.AccountAsync(agency);
            await data.AccountAsync(agency, notTheirs);
            var user = await data.MemberAsync(main, AccountRole.CallAgent);
            await data.DivisionMemberAsync(theirs, user);
            await data.AgencyRoleAsync(agency, user, AgencyRole.MarketingManager);
            return (agency, main, theirs, user);
        });

        var lines = await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id));

        Assert.Equal(
            [(main.Name, (Guid?)main.Id, 1), ($"The other accounts of the division {theirs.Name}", null, 1), ("Every other account of the agency", null, 3)],
            lines.Select(l => (l.Scope, l.AccountId, l.AccountCount)));
        Assert.Equal([Grant.Of(AgencyRole.MarketingManager)], lines[2].Access.Sources);
    }

    [Fact]
    public async Task AnAgencyRole_AddsNoAgencyLine_WhenEveryAccountOfTheAgencyIsListed()
    {
        var (agency, account, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var account = await data.AccountAsync(agency);
            var user = await data.MemberAsync(account, AccountRole.CallAgent);
            await data.AgencyRoleAsync(agency, user, AgencyRole.AgencyBillingManager);
            return (agency, account, user);
        });

        var line = Assert.Single(await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id)));

        Assert.Equal(account.Id, line.AccountId);
        Assert.Equal([Permission.ViewBilling, Permission.MakeCalls], line.Access.Permissions);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class EffectiveAccessSqliteTests(SqliteCore fixture) : EffectiveAccessTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class EffectiveAccessPostgresTests(PostgresCore fixture) : EffectiveAccessTests(fixture);
