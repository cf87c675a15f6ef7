using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Permissions;

public abstract class AccessServiceTests(CoreFixture fixture)
{
    private Task<AccountContext?> AccessAsync(AppUser user, Account account) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IAccessService>().GetAsync(user.Id, account.Id));

    [Fact]
    public async Task Membership_GivesItsRolesPermissions()
    {
        var (account, user) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.CallManager));
        });

        var context = await AccessAsync(user, account);

        Assert.NotNull(context);
        Assert.Equal(account.Id, context.Account.AccountId);
        Assert.Equal([Permission.ViewAllCalls, Permission.MakeCalls], context.Access.Permissions);
    }

    [Fact]
    public async Task UnknownAccount_IsNull()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());

        var context = await fixture.RunAsync(sp => sp.GetRequiredService<IAccessService>().GetAsync(user.Id, Guid.NewGuid()));

        Assert.Null(context);
    }

    [Fact]
    public async Task AgencyRole_ReachesEveryAccountOfItsAgency_AndNoOther()
    {
        var (mine, other, admin) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var mine = await data.AccountAsync(agency);
            var other = await data.AccountAsync();
            var admin = await data.UserAsync("agencyadmin");
            await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
            return (mine, other, admin);
        });

        var inMine = await AccessAsync(admin, mine);
        var inOther = await AccessAsync(admin, other);

        Assert.True(inMine!.Access.Has(Permission.ManageOwners));
        Assert.Equal([Grant.Of(AgencyRole.AgencyAdministrator)], inMine.Access.Sources);
        Assert.False(inOther!.Access.Any);
    }

    [Fact]
    public async Task DivisionGrants_ReachTheDivisionsAccounts_AndNoOther()
    {
        var (inside, outside, admin, member, division) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var inside = await data.AccountAsync(agency, division);
            var outside = await data.AccountAsync(agency);
            var admin = await data.UserAsync("divadmin");
            var member = await data.UserAsync("divmember");
            await data.DivisionAdministratorAsync(division, admin);
            await data.DivisionMemberAsync(division, member);
            return (inside, outside, admin, member, division);
        });

        Assert.Equal([Grant.AdministratorOf(division.Name)], (await AccessAsync(admin, inside))!.Access.Sources);
        Assert.Equal([Grant.MemberOf(division.Name)], (await AccessAsync(member, inside))!.Access.Sources);
        Assert.False((await AccessAsync(admin, outside))!.Access.Any);
        Assert.False((await AccessAsync(member, outside))!.Access.Any);
    }

    [Fact]
    public async Task AMemberOfALargeDivision_IsCheckedWithOneQuery_AtTheMomentOfTheCheck()
    {
        var (accounts, member, division) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var accounts = Enumerable.Range(0, 500).Select(i => new Account(agency.Id, $"Large {i:D3}", DateTime.UtcNow, division.Id)).ToList();
            data.Db.Accounts.AddRange(accounts);
            await data.Db.SaveChangesAsync();
            var member = await data.UserAsync("member");
            await data.DivisionMemberAsync(division, member);
            return (accounts, member, division);
        });

        var (context, commands) = await CommandCounter.CountAsync(() => AccessAsync(member, accounts[321]));
        await fixture.WithDataAsync(async data =>
        {
            await data.Db.DivisionMembers.Where(m => m.UserId == member.Id).ExecuteDeleteAsync();
            return 0;
        });

        Assert.Equal(1, commands);
        Assert.Equal([Grant.MemberOf(division.Name)], context!.Access.Sources);
        Assert.Equal(AccountRole.ReportManager, context.Access.EffectiveRole);
        Assert.False((await AccessAsync(member, accounts[321]))!.Access.Any);
    }

    [Fact]
    public async Task AgencyContext_KnowsTheDivisionsAUserAdministersThere_AndNoneElsewhere()
    {
        var (agency, other, user, division) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var other = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var user = await data.UserAsync("da");
            await data.DivisionAdministratorAsync(division, user);
            await data.DivisionAdministratorAsync(await data.DivisionAsync(other), user);
            await data.DivisionMemberAsync(await data.DivisionAsync(agency), user);
            return (agency, other, user, division);
        });

        var here = await fixture.RunAsync(sp => sp.GetRequiredService<IAccessService>().GetAgencyAsync(user.Id, agency.Id));

        Assert.Equal([division.Id], here!.AdministeredDivisions);
        Assert.True(here.ManagesDivision(division.Id));
        Assert.Equal([Permission.CreateAccounts], here.Permissions);
        Assert.False(here.Has(Permission.ManageDivisions));
        Assert.Single((await fixture.RunAsync(sp => sp.GetRequiredService<IAccessService>().GetAgencyAsync(user.Id, other.Id)))!.AdministeredDivisions);
    }

    [Fact]
    public async Task SuspendedMembership_TakesEveryPermissionInThatAccount_ButNotElsewhere()
    {
        var (suspendedIn, elsewhere, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var suspendedIn = await data.AccountAsync(agency);
            var elsewhere = await data.AccountAsync(agency);
            var user = await data.MemberAsync(suspendedIn, AccountRole.Administrator);
            await data.AgencyRoleAsync(agency, user, AgencyRole.AgencyAdministrator);
            await data.SuspendAsync(suspendedIn, user);
            return (suspendedIn, elsewhere, user);
        });

        var there = await AccessAsync(user, suspendedIn);
        var other = await AccessAsync(user, elsewhere);

        Assert.False(there!.Access.Any);
        Assert.Equal(AccessDenial.Suspended, there.Access.Denial);
        Assert.True(other!.Access.Has(Permission.ManageUsers));
    }

    [Fact]
    public async Task ArchivedUser_HasNoPermissionAnywhere()
    {
        var (account, user) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var user = await data.MemberAsync(account, AccountRole.Owner);
            await data.ArchiveAsync(user);
            return (account, user);
        });

        var context = await AccessAsync(user, account);

        Assert.Equal(AccessDenial.Archived, context!.Access.Denial);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class AccessServiceSqliteTests(SqliteCore fixture) : AccessServiceTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class AccessServicePostgresTests(PostgresCore fixture) : AccessServiceTests(fixture);
