using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Permissions;

/// <summary>Whether a removal leaves the user anything, and what archiving them takes away; seen through a removal.</summary>
public abstract class AccessLeftTests(CoreFixture fixture)
{
    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private Task<DateTime?> ArchivedAtAsync(AppUser user) =>
        QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.ArchivedAt).SingleAsync());

    private Task<int> PasskeysOfAsync(AppUser user) =>
        QueryAsync(db => db.Set<IdentityUserPasskey<Guid>>().CountAsync(p => p.UserId == user.Id));

    [Theory]
    [InlineData("agency role")]
    [InlineData("division member")]
    [InlineData("division administrator")]
    [InlineData("another account")]
    public async Task RemovingTheUserFromAnAccount_DoesNotArchiveThem_WhileTheyHoldAGrantElsewhere(string elsewhere)
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var account = await data.AccountAsync(agency);
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            var agent = await data.MemberAsync(account, AccountRole.CallAgent);
            switch (elsewhere)
            {
                case "agency role":
                    await data.AgencyRoleAsync(agency, agent, AgencyRole.MarketingManager);
                    break;
                case "division member":
                    await data.DivisionMemberAsync(division, agent);
                    break;
                case "division administrator":
                    await data.DivisionAdministratorAsync(division, agent);
                    break;
                default:
                    await data.GrantAsync(await data.AccountAsync(agency), agent, AccountRole.CallAgent);
                    break;
            }

            return (account, owner, agent);
        });

        var result = await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(owner.Id, account.Id, agent.Id));

        Assert.Equal(AccountAdmin.Core.CommandStatus.Done, result.Status);
        Assert.Null(await ArchivedAtAsync(agent));
    }

    [Fact]
    public async Task ArchivingTheUserWithNothingLeft_TakesTheirPasskeys_AndNobodyElses()
    {
        var (account, owner, agent, colleague) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var account = await data.AccountAsync(agency);
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            var agent = await data.MemberAsync(account, AccountRole.CallAgent);
            var colleague = await data.MemberAsync(account, AccountRole.CallAgent);
            // Others keep grants of every kind, which must not count for the agent.
            await data.AgencyRoleAsync(agency, colleague, AgencyRole.MarketingManager);
            await data.DivisionMemberAsync(division, colleague);
            await data.DivisionAdministratorAsync(division, owner);
            await data.PasskeyAsync(agent);
            await data.PasskeyAsync(colleague);
            return (account, owner, agent, colleague);
        });

        await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(owner.Id, account.Id, agent.Id));

        Assert.NotNull(await ArchivedAtAsync(agent));
        Assert.Equal(0, await PasskeysOfAsync(agent));
        Assert.Equal(1, await PasskeysOfAsync(colleague));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class AccessLeftSqliteTests(SqliteCore fixture) : AccessLeftTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class AccessLeftPostgresTests(PostgresCore fixture) : AccessLeftTests(fixture);
