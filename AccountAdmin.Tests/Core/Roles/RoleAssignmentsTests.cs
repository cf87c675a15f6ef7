using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Roles;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Roles;

public abstract class RoleAssignmentsTests(CoreFixture fixture)
{
    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private Task<string> StampAsync(AppUser user) => QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.ConcurrencyStamp!).SingleAsync());

    private async Task<CommandResult> ApplyAsync(AppUser actor, Account account, AppUser user, Func<string, RoleChanges> changes)
    {
        var stamp = await StampAsync(user);
        return await fixture.RunAsync(sp => sp.GetRequiredService<IRoleAssignments>().ApplyAsync(actor.Id, account.Id, user.Id, changes(stamp)));
    }

    private Task<RoleAssignmentsView?> ViewAsync(AppUser actor, Account account, AppUser user) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IRoleAssignments>().GetAsync(actor.Id, account.Id, user.Id));

    private Task<Membership?> MembershipAsync(Account account, AppUser user) =>
        QueryAsync(db => db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.AccountId == account.Id && m.UserId == user.Id));

    /// <summary>An agency with two accounts, an Owner of both, and an agent in both.</summary>
    private async Task<(Agency Agency, Account Main, Account Second, AppUser Owner, AppUser Agent)> AgencyAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var main = await data.AccountAsync(agency);
            var second = await data.AccountAsync(agency);
            var owner = await data.MemberAsync(main, AccountRole.Owner);
            await data.GrantAsync(second, owner, AccountRole.Owner);
            var agent = await data.MemberAsync(main, AccountRole.CallAgent);
            await data.GrantAsync(second, agent, AccountRole.CallAgent);
            return (agency, main, second, owner, agent);
        });

    [Fact]
    public async Task TheX_OnOneAccount_RemovesOnlyThatAccess_AndTellsTheUser()
    {
        var (_, main, second, owner, agent) = await AgencyAsync();

        var result = await ApplyAsync(owner, main, agent, stamp => new RoleChanges(stamp, RemoveAccountIds: [second.Id]));

        Assert.Equal(CommandStatus.Done, result.Status);
        Assert.NotNull((await MembershipAsync(second, agent))!.EndedAt);
        Assert.Null((await MembershipAsync(main, agent))!.EndedAt);
        var mail = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email));
        Assert.Contains(second.Name, mail.Subject);
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.MembershipEnded && e.AccountId == second.Id && e.TargetUserId == agent.Id)));
    }

    [Fact]
    public async Task AddRole_InChosenAccounts_GrantsOrChangesTheRole_WithOneEmail()
    {
        var (agency, main, second, owner, agent) = await AgencyAsync();
        var third = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync(agency);
            await data.GrantAsync(account, owner, AccountRole.Owner);
            return account;
        });

        var result = await ApplyAsync(owner, main, agent, stamp => new RoleChanges(stamp, AddRole: AccountRole.ReportManager, AddAccountIds: [second.Id, third.Id]));

        Assert.Equal(CommandStatus.Done, result.Status);
        Assert.Equal(AccountRole.ReportManager, (await MembershipAsync(second, agent))!.Role);
        Assert.Equal(AccountRole.ReportManager, (await MembershipAsync(third, agent))!.Role);
        Assert.Equal(AccountRole.CallAgent, (await MembershipAsync(main, agent))!.Role);
        var mail = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email));
        Assert.Contains("2 accounts", mail.Subject);
        var view = (await ViewAsync(owner, main, agent))!;
        Assert.Equal([AccountRole.ReportManager, AccountRole.CallAgent], view.Roles.Select(r => r.Role));
    }

    [Fact]
    public async Task AnAdministrator_CannotMakeAnOwner_NorActOutsideTheAccountsTheyManage()
    {
        var (_, main, second, _, agent) = await AgencyAsync();
        var (admin, foreign) = await fixture.WithDataAsync(async data =>
            (await data.MemberAsync(main, AccountRole.Administrator), await data.AccountAsync()));

        var owner = await ApplyAsync(admin, main, agent, stamp => new RoleChanges(stamp, AddRole: AccountRole.Owner, AddAccountIds: [main.Id]));
        var unmanaged = await ApplyAsync(admin, main, agent, stamp => new RoleChanges(stamp, RemoveAccountIds: [second.Id]));
        var otherAgency = await ApplyAsync(admin, main, agent, stamp => new RoleChanges(stamp, AddRole: AccountRole.CallAgent, AddAccountIds: [foreign.Id]));

        Assert.Equal(RoleErrors.OwnerNotGrantable, Assert.Single(owner.Errors));
        Assert.Equal(RoleErrors.NotManaged, Assert.Single(unmanaged.Errors));
        Assert.Equal(RoleErrors.NotManaged, Assert.Single(otherAgency.Errors));
        Assert.Null((await MembershipAsync(second, agent))!.EndedAt);
        Assert.Null(await MembershipAsync(foreign, agent));
    }

    [Fact]
    public async Task AnOwner_MayMakeAnOwner_ButAnOwnersRoleChangesOnlyByRequest()
    {
        var (_, main, _, owner, agent) = await AgencyAsync();

        var promoted = await ApplyAsync(owner, main, agent, stamp => new RoleChanges(stamp, AddRole: AccountRole.Owner, AddAccountIds: [main.Id]));
        var otherOwner = await fixture.WithDataAsync(data => data.MemberAsync(main, AccountRole.Owner));
        var demoted = await ApplyAsync(otherOwner, main, agent, stamp => new RoleChanges(stamp, AddRole: AccountRole.CallAgent, AddAccountIds: [main.Id]));
        var removed = await ApplyAsync(otherOwner, main, agent, stamp => new RoleChanges(stamp, RemoveAccountIds: [main.Id]));

        Assert.Equal(CommandStatus.Done, promoted.Status);
        Assert.Equal(RoleErrors.OwnerDemotion, Assert.Single(demoted.Errors));
        Assert.Equal(UserErrors.OwnerRemoval, Assert.Single(removed.Errors));
        Assert.Equal(AccountRole.Owner, (await MembershipAsync(main, agent))!.Role);
    }

    [Fact]
    public async Task AgencyRoles_AreGivenAndTakenOnlyByAgencyAdministrators()
    {
        var (agency, main, _, owner, agent) = await AgencyAsync();
        var agencyAdmin = await fixture.WithDataAsync(async data =>
        {
            var user = await data.MemberAsync(main, AccountRole.CallAgent);
            await data.AgencyRoleAsync(agency, user, AgencyRole.AgencyAdministrator);
            return user;
        });

        var byOwner = await ApplyAsync(owner, main, agent, stamp => new RoleChanges(stamp, AddAgencyRole: AgencyRole.AgencyAdministrator));
        var granted = await ApplyAsync(agencyAdmin, main, agent, stamp => new RoleChanges(stamp, AddAgencyRole: AgencyRole.MarketingManager));
        var grants = await QueryAsync(db => db.AgencyRoleGrants.Where(g => g.UserId == agent.Id).Select(g => g.Role).ToListAsync());
        var taken = await ApplyAsync(agencyAdmin, main, agent, stamp => new RoleChanges(stamp, RemoveAgencyRoles: [AgencyRole.MarketingManager]));

        Assert.Equal(RoleErrors.AgencyRolesNotGrantable, Assert.Single(byOwner.Errors));
        Assert.Equal(CommandStatus.Done, granted.Status);
        Assert.Equal([AgencyRole.MarketingManager], grants);
        Assert.Equal(CommandStatus.Done, taken.Status);
        Assert.False(await QueryAsync(db => db.AgencyRoleGrants.AnyAsync(g => g.UserId == agent.Id)));
        Assert.Empty((await ViewAsync(owner, main, agent))!.GrantableAgencyRoles);
        Assert.NotEmpty((await ViewAsync(agencyAdmin, main, agent))!.GrantableAgencyRoles);
    }

    [Fact]
    public async Task AnAgencyAdministrator_IsNotRemovedFromOneAccount_AndNobodyChangesTheirOwnRoles()
    {
        var (agency, main, second, owner, agent) = await AgencyAsync();
        await fixture.WithDataAsync(async data =>
        {
            await data.AgencyRoleAsync(agency, agent, AgencyRole.AgencyAdministrator);
            return 0;
        });

        var single = await ApplyAsync(owner, main, agent, stamp => new RoleChanges(stamp, RemoveAccountIds: [second.Id]));
        var self = await ApplyAsync(owner, main, owner, stamp => new RoleChanges(stamp, RemoveAccountIds: [second.Id]));

        Assert.Equal(UserErrors.AgencyAdministrator, Assert.Single(single.Errors));
        Assert.Equal(AccessErrors.OwnRoles, Assert.Single(self.Errors));
        Assert.Null((await MembershipAsync(second, owner))!.EndedAt);
    }

    [Fact]
    public async Task ARefusalHalfway_LeavesEverythingAsItWas()
    {
        var (_, main, second, owner, agent) = await AgencyAsync();
        var otherOwner = await fixture.WithDataAsync(async data =>
        {
            var user = await data.MemberAsync(main, AccountRole.Owner);
            await data.GrantAsync(second, user, AccountRole.Owner);
            return user;
        });

        // The removal from the second account is applied before the demotion of an Owner in the main one is refused.
        var result = await ApplyAsync(owner, main, otherOwner, stamp => new RoleChanges(stamp, AddRole: AccountRole.CallAgent, AddAccountIds: [main.Id]));
        var both = await ApplyAsync(owner, main, agent, stamp => new RoleChanges(stamp, RemoveAccountIds: [second.Id], AddRole: AccountRole.Owner, AddAccountIds: [main.Id, Guid.NewGuid()]));

        Assert.Equal(RoleErrors.OwnerDemotion, Assert.Single(result.Errors));
        Assert.Equal(RoleErrors.NotManaged, Assert.Single(both.Errors));
        Assert.Null((await MembershipAsync(second, agent))!.EndedAt);
        Assert.Equal(AccountRole.CallAgent, (await MembershipAsync(main, agent))!.Role);
        Assert.False(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.To == agent.Email || m.To == otherOwner.Email)));
    }

    [Fact]
    public async Task RemovingTheLastAccess_ArchivesTheUser()
    {
        var (_, main, second, owner, agent) = await AgencyAsync();

        var result = await ApplyAsync(owner, main, agent, stamp => new RoleChanges(stamp, RemoveAccountIds: [main.Id, second.Id]));

        Assert.Equal(CommandStatus.Done, result.Status);
        var user = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id));
        Assert.NotNull(user.ArchivedAt);
        Assert.Null(user.PasswordHash);
    }

    [Fact]
    public async Task AStaleForm_IsRefused()
    {
        var (_, main, second, owner, agent) = await AgencyAsync();

        var result = await fixture.RunAsync(sp => sp.GetRequiredService<IRoleAssignments>().ApplyAsync(
            owner.Id, main.Id, agent.Id, new RoleChanges("an old stamp", RemoveAccountIds: [second.Id])));

        Assert.Equal(UserErrors.StaleEdit, Assert.Single(result.Errors));
        Assert.Null((await MembershipAsync(second, agent))!.EndedAt);
    }

    [Fact]
    public async Task TheView_ShowsEachRoleWithItsAccounts_AndWhyAnAccountCantBeRemoved()
    {
        var (_, main, second, owner, agent) = await AgencyAsync();
        var elsewhere = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            await data.GrantAsync(account, agent, AccountRole.Administrator);
            return account;
        });

        var view = (await ViewAsync(owner, main, agent))!;
        var ownerView = (await ViewAsync(agent, main, owner));

        var holding = Assert.Single(view.Roles);
        Assert.Equal(AccountRole.CallAgent, holding.Role);
        Assert.Equal(new[] { main.Id, second.Id }.Order(), holding.Accounts.Select(a => a.AccountId).Order());
        Assert.All(holding.Accounts, a => Assert.True(a.CanRemove));
        Assert.Equal(1, view.AccountsElsewhere);
        Assert.DoesNotContain(view.Grantable.Page, a => a.AccountId == elsewhere.Id);
        Assert.Null(ownerView);
    }

    [Fact]
    public async Task AddRolesAccounts_ComeFiftyAtATime_FoundByName_WithTheTickedOnesWhereverTheyAre()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (accounts, admin, agent, divisionAdmin) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var accounts = new List<Account>();
            for (var i = 1; i <= 53; i++)
            {
                accounts.Add(await data.AccountAsync(agency, i == 53 ? division : null, $"Acct{tag} {i:D2}"));
            }

            var admin = await data.UserAsync("aa", "Ada", "Agency");
            await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
            var agent = await data.MemberAsync(accounts[0], AccountRole.CallAgent);
            var divisionAdmin = await data.UserAsync("da", "Dan", "Division");
            await data.DivisionAdministratorAsync(division, divisionAdmin);
            await data.GrantAsync(accounts[0], divisionAdmin, AccountRole.Administrator);
            return (accounts, admin, agent, divisionAdmin);
        });
        Task<GrantableList> ListAsync(AppUser actor, GrantableQuery query) =>
            fixture.RunAsync(async sp => (await sp.GetRequiredService<IRoleAssignments>().GetAsync(actor.Id, accounts[0].Id, agent.Id, query))!.Grantable);

        var first = await ListAsync(admin, new GrantableQuery());
        var second = await ListAsync(admin, new GrantableQuery(After: first.Next, Chosen: [accounts[1].Id]));
        var found = await ListAsync(admin, new GrantableQuery(Filter: $" ACCT{tag} 5", Chosen: [accounts[2].Id, Guid.NewGuid()]));
        var theirs = await ListAsync(divisionAdmin, new GrantableQuery(Chosen: [accounts[5].Id]));

        Assert.Equal(RoleAssignments.GrantablePageSize, first.Page.Count);
        Assert.Equal(accounts[49].Id, first.Next);
        Assert.Equal([accounts[50].Id, accounts[51].Id, accounts[52].Id], second.Page.Select(a => a.AccountId));
        Assert.Null(second.Next);
        Assert.Equal([accounts[1].Id], second.Chosen.Select(a => a.AccountId));
        Assert.Equal([50, 51, 52, 53], found.Page.Select(a => int.Parse(a.Name[^2..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(4, found.Matching);
        Assert.Equal([accounts[2].Id], found.Chosen.Select(a => a.AccountId));
        Assert.True(first.OwnerAnywhere && first.Page.All(a => a.Owner));
        Assert.Equal([accounts[0].Id, accounts[52].Id], theirs.Page.Select(a => a.AccountId));
        Assert.Empty(theirs.Chosen);
        Assert.False(theirs.OwnerAnywhere);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class RoleAssignmentsSqliteTests(SqliteCore fixture) : RoleAssignmentsTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class RoleAssignmentsPostgresTests(PostgresCore fixture) : RoleAssignmentsTests(fixture);
