using AccountAdmin.Core;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Permissions;

/// <summary>The guards of changes to a user: whom a change to how they sign in reaches (seen through signing them out everywhere), rank, and reach.</summary>
public abstract class ActorGuardTests(CoreFixture fixture)
{
    private Task<T> AccessAsync<T>(Func<IAccessService, Task<T>> ask) => fixture.RunAsync(sp => ask(sp.GetRequiredService<IAccessService>()));

    private Task<List<UserSession>> SessionsAsync(AppUser user) => fixture.RunAsync(sp =>
        sp.GetRequiredService<AccountAdminDbContext>().UserSessions.AsNoTracking().Where(s => s.UserId == user.Id).ToListAsync());

    [Fact]
    public async Task SigningOutEverywhere_AUserSuspendedInTheAccount_IsAllowed_ButOneWhoLeftItIsNotFound()
    {
        var (home, owner, suspended, left) = await fixture.WithDataAsync(async data =>
        {
            var home = await data.AccountAsync();
            var owner = await data.MemberAsync(home, AccountRole.Owner);
            var suspended = await data.MemberAsync(home, AccountRole.CallAgent);
            await data.SuspendAsync(home, suspended);
            var left = await data.MemberAsync(home, AccountRole.CallAgent);
            var ended = await data.Db.Memberships.SingleAsync(m => m.AccountId == home.Id && m.UserId == left.Id);
            ended.End(owner.Id, DateTime.UtcNow);
            await data.Db.SaveChangesAsync();
            await data.SessionAsync(suspended);
            await data.SessionAsync(left);
            return (home, owner, suspended, left);
        });

        var ofSuspended = await fixture.RunAsync(sp => sp.GetRequiredService<ISessionManagement>().SignOutEverywhereAsync(owner.Id, home.Id, suspended.Id));
        var ofLeft = await fixture.RunAsync(sp => sp.GetRequiredService<ISessionManagement>().SignOutEverywhereAsync(owner.Id, home.Id, left.Id));

        Assert.True(ofSuspended.Succeeded);
        Assert.All(await SessionsAsync(suspended), s => Assert.NotNull(s.EndedAt));
        Assert.Equal(CommandStatus.NotFound, ofLeft.Status);
        Assert.All(await SessionsAsync(left), s => Assert.Null(s.EndedAt));
    }

    [Fact]
    public async Task NoOne_OutranksThemself_AndNoOneIsOutrankedInAnAccountThatDoesNotExist()
    {
        var (account, admin, owner) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Administrator), await data.MemberAsync(account, AccountRole.Owner));
        });

        Assert.True(await AccessAsync(a => a.OutranksAsync(admin.Id, account.Id, owner.Id, CancellationToken.None)));
        Assert.False(await AccessAsync(a => a.OutranksAsync(admin.Id, account.Id, admin.Id, CancellationToken.None)));
        Assert.False(await AccessAsync(a => a.OutranksAsync(admin.Id, Guid.NewGuid(), owner.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task AChangeToThemself_IsBeyondNoAccountTheyWorkIn_WhereAnAdministratorsChangeIsBeyondTheAccountsTheyDoNotManage()
    {
        var (other, admin, agent) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var home = await data.AccountAsync(agency);
            var other = await data.AccountAsync(agency);
            var agent = await data.MemberAsync(home, AccountRole.CallAgent);
            await data.GrantAsync(other, agent, AccountRole.CallAgent);
            return (other, await data.MemberAsync(home, AccountRole.Administrator), agent);
        });

        Assert.Empty(await AccessAsync(a => a.BeyondReachAsync(agent.Id, agent.Id, CancellationToken.None)));
        Assert.Equal([other.Name], (await AccessAsync(a => a.BeyondReachAsync(admin.Id, agent.Id, CancellationToken.None))).Select(p => p.AccountName));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class ActorGuardSqliteTests(SqliteCore fixture) : ActorGuardTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class ActorGuardPostgresTests(PostgresCore fixture) : ActorGuardTests(fixture);
