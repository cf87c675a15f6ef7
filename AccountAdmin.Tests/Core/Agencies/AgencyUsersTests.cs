using AccountAdmin.Core;
using AccountAdmin.Core.Agencies;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Agencies;

public abstract class AgencyUsersTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IAgencyUsers, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IAgencyUsers>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    [Fact]
    public async Task AllAccounts_ListsEveryoneWithAGrantInTheAgency_Once_WithRolesAndAccountCounts()
    {
        var (agency, member, admin, divisionMember) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var first = await data.AccountAsync(agency);
            var second = await data.AccountAsync(agency, division);
            var member = await data.MemberAsync(first, AccountRole.CallAgent, "Ann", "Member");
            await data.GrantAsync(second, member, AccountRole.Administrator);
            var admin = await data.UserAsync("aa", "Abe", "Admin");
            await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
            var divisionMember = await data.UserAsync("dm", "Dee", "Division");
            await data.DivisionMemberAsync(division, divisionMember);
            await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner, "Out", "Sider");
            return (agency, member, admin, divisionMember);
        });

        var page = await RunAsync(u => u.ListAsync(agency.Id, null, null, 10));

        Assert.Equal([admin.Id, member.Id, divisionMember.Id], page.Rows.Select(r => r.UserId));
        Assert.Equal(2, page.Rows.Single(r => r.UserId == member.Id).Accounts);
        Assert.Equal([AgencyRole.AgencyAdministrator], page.Rows.Single(r => r.UserId == admin.Id).AgencyRoles);
        Assert.Equal([member.Id], (await RunAsync(u => u.ListAsync(agency.Id, "ann", null, 10))).Rows.Select(r => r.UserId));
        var first = await RunAsync(u => u.ListAsync(agency.Id, null, null, 2));
        var second = await RunAsync(u => u.ListAsync(agency.Id, null, first.NextAfter, 2));
        Assert.Equal([divisionMember.Id], second.Rows.Select(r => r.UserId));
        Assert.Null(second.NextAfter);
    }

    [Fact]
    public async Task RemovingAnAgencyAdministrator_EndsEveryMembershipInTheAgency_AtOnce_AndNothingElsewhere()
    {
        var (agency, actor, target, elsewhere, accounts) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var actor = await data.UserAsync("actor");
            await data.AgencyRoleAsync(agency, actor, AgencyRole.AgencyAdministrator);
            var target = await data.UserAsync("target");
            await data.AgencyRoleAsync(agency, target, AgencyRole.AgencyAdministrator);
            await data.DivisionAdministratorAsync(division, target);
            var accounts = new List<Account>();
            for (var i = 0; i < 30; i++)
            {
                var account = await data.AccountAsync(agency);
                await data.GrantAsync(account, target, AccountRole.Administrator);
                accounts.Add(account);
            }

            var elsewhere = await data.AccountAsync();
            await data.GrantAsync(elsewhere, target, AccountRole.CallAgent);
            return (agency, actor, target, elsewhere, accounts);
        });

        var result = await RunAsync(u => u.RemoveAgencyAdministratorAsync(actor.Id, agency.Id, target.Id));

        Assert.Equal(CommandStatus.Done, result.Status);
        var ids = accounts.Select(a => a.Id).ToList();
        Assert.Equal(0, await QueryAsync(db => db.Memberships.CountAsync(m => m.UserId == target.Id && ids.Contains(m.AccountId) && m.EndedAt == null)));
        Assert.Equal(30, await QueryAsync(db => db.Memberships.CountAsync(m => m.UserId == target.Id && ids.Contains(m.AccountId) && m.EndedById == actor.Id)));
        Assert.False(await QueryAsync(db => db.AgencyRoleGrants.AnyAsync(g => g.UserId == target.Id)));
        Assert.False(await QueryAsync(db => db.DivisionAdministrators.AnyAsync(d => d.UserId == target.Id)));
        Assert.Null(await QueryAsync(db => db.Memberships.Where(m => m.UserId == target.Id && m.AccountId == elsewhere.Id).Select(m => m.EndedAt).SingleAsync()));
        Assert.Null(await QueryAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.ArchivedAt).SingleAsync()));
        Assert.True(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.To == target.Email && m.Subject.Contains(agency.Name))));
    }

    [Fact]
    public async Task RemovingAnAgencyAdministrator_WithNothingElse_ArchivesThem()
    {
        var (agency, actor, target) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var actor = await data.UserAsync("actor");
            await data.AgencyRoleAsync(agency, actor, AgencyRole.AgencyAdministrator);
            var target = await data.UserAsync("target");
            await data.AgencyRoleAsync(agency, target, AgencyRole.AgencyAdministrator);
            return (agency, actor, target);
        });

        await RunAsync(u => u.RemoveAgencyAdministratorAsync(actor.Id, agency.Id, target.Id));

        Assert.NotNull(await QueryAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.ArchivedAt).SingleAsync()));
    }

    [Fact]
    public async Task OnlyTheAgencysAdministrators_Remove_NotThemselves_AndOnlyAgencyAdministrators()
    {
        var (agency, admin, owner, other, otherAgencyAdmin) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var account = await data.AccountAsync(agency);
            var admin = await data.UserAsync("admin");
            await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            var other = await data.UserAsync("other");
            await data.AgencyRoleAsync(agency, other, AgencyRole.AgencyAdministrator);
            var otherAgency = await data.AgencyAsync();
            var otherAgencyAdmin = await data.UserAsync("foreign");
            await data.AgencyRoleAsync(otherAgency, otherAgencyAdmin, AgencyRole.AgencyAdministrator);
            return (agency, admin, owner, other, otherAgencyAdmin);
        });

        Assert.Equal(CommandStatus.Forbidden, (await RunAsync(u => u.RemoveAgencyAdministratorAsync(owner.Id, agency.Id, other.Id))).Status);
        Assert.Equal(CommandStatus.Forbidden, (await RunAsync(u => u.RemoveAgencyAdministratorAsync(otherAgencyAdmin.Id, agency.Id, other.Id))).Status);
        Assert.Equal([UserErrors.CannotRemoveSelf], (await RunAsync(u => u.RemoveAgencyAdministratorAsync(admin.Id, agency.Id, admin.Id))).Errors);
        Assert.Equal(CommandStatus.NotFound, (await RunAsync(u => u.RemoveAgencyAdministratorAsync(admin.Id, agency.Id, owner.Id))).Status);
        Assert.Equal(CommandStatus.NotFound, (await RunAsync(u => u.RemoveAgencyAdministratorAsync(admin.Id, Guid.NewGuid(), other.Id))).Status);
        Assert.True(await QueryAsync(db => db.AgencyRoleGrants.AnyAsync(g => g.UserId == other.Id)));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class AgencyUsersSqliteTests(SqliteCore fixture) : AgencyUsersTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class AgencyUsersPostgresTests(PostgresCore fixture) : AgencyUsersTests(fixture);
