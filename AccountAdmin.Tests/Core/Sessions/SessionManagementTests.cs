using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Sessions;

/// <summary>Ending sessions: one's own other browsers, and an administrator signing a user out everywhere.</summary>
public abstract class SessionManagementTests(CoreFixture fixture)
{
    private sealed record World(Account Home, Account Other, AppUser Owner, AppUser Admin, AppUser Agent, AppUser OtherOwner);

    /// <summary>The agent works in Home (their home) and Other; the Owner owns both, the admin administers Home only.</summary>
    private Task<World> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var home = await data.AccountAsync(agency);
        var other = await data.AccountAsync(agency);
        var owner = await data.MemberAsync(home, AccountRole.Owner);
        await data.GrantAsync(other, owner, AccountRole.Owner);
        var admin = await data.MemberAsync(home, AccountRole.Administrator);
        var agent = await data.MemberAsync(home, AccountRole.CallAgent);
        await data.GrantAsync(other, agent, AccountRole.CallAgent);
        var otherOwner = await data.MemberAsync(other, AccountRole.Owner);
        return new World(home, other, owner, admin, agent, otherOwner);
    });

    private Task<T> RunAsync<T>(Func<ISessionManagement, Task<T>> action) => fixture.RunAsync(sp => action(sp.GetRequiredService<ISessionManagement>()));

    private Task<List<UserSession>> SessionsAsync(AppUser user) => fixture.RunAsync(sp =>
        sp.GetRequiredService<AccountAdminDbContext>().UserSessions.AsNoTracking().Where(s => s.UserId == user.Id).ToListAsync());

    [Fact]
    public async Task EndingASession_ThatIsNotOneOfTheUsersOwn_IsNotFound_AndEndsNothing()
    {
        var w = await WorldAsync();
        var theirs = await fixture.WithDataAsync(data => data.SessionAsync(w.Agent));
        await fixture.WithDataAsync(data => data.SessionAsync(w.Admin));

        var forged = await RunAsync(s => s.EndAsync(w.Admin.Id, theirs));
        var madeUp = await RunAsync(s => s.EndAsync(w.Admin.Id, Guid.NewGuid()));

        Assert.Equal(CommandStatus.NotFound, forged.Status);
        Assert.Equal(CommandStatus.NotFound, madeUp.Status);
        Assert.All(await SessionsAsync(w.Agent), s => Assert.Null(s.EndedAt));
        Assert.All(await SessionsAsync(w.Admin), s => Assert.Null(s.EndedAt));
    }

    [Fact]
    public async Task EndingOneOfTheUsersOwnSessions_EndsThatOneOnly_Once()
    {
        var w = await WorldAsync();
        var one = await fixture.WithDataAsync(data => data.SessionAsync(w.Agent));
        var two = await fixture.WithDataAsync(data => data.SessionAsync(w.Agent));

        var ended = await RunAsync(s => s.EndAsync(w.Agent.Id, one));
        var again = await RunAsync(s => s.EndAsync(w.Agent.Id, one));
        var live = await RunAsync(s => s.LiveAsync(w.Agent.Id, 10));

        Assert.True(ended.Succeeded);
        Assert.Equal(CommandStatus.NotFound, again.Status);
        Assert.Equal([two], live.Select(s => s.Id));
        Assert.Equal(SessionEnd.EndedFromAnotherBrowser, (await SessionsAsync(w.Agent)).Single(s => s.Id == one).EndReason);
    }

    [Fact]
    public async Task AnOwnerOfTheHomeAccount_SignsTheUserOutEverywhere_AndItIsAudited()
    {
        var w = await WorldAsync();
        await fixture.WithDataAsync(data => data.SessionAsync(w.Agent));
        await fixture.WithDataAsync(data => data.SessionAsync(w.Agent));

        var result = await RunAsync(s => s.SignOutEverywhereAsync(w.Owner.Id, w.Home.Id, w.Agent.Id));

        Assert.True(result.Succeeded);
        Assert.All(await SessionsAsync(w.Agent), s => Assert.Equal(SessionEnd.EndedByAdministrator, s.EndReason));
        var audited = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Action == AuditActions.SessionEnded && e.TargetUserId == w.Agent.Id));
        Assert.Equal((w.Owner.Id, w.Home.Id), (audited.ActorUserId!.Value, audited.AccountId!.Value));
        Assert.Contains("2 sessions", audited.Details);
    }

    [Fact]
    public async Task SigningSomeoneOutEverywhere_IsRefused_ToThemselves_OutsideTheHomeAccount_BeyondReach_AndWithoutManageUsers()
    {
        var w = await WorldAsync();
        await fixture.WithDataAsync(data => data.SessionAsync(w.Agent));

        var self = await RunAsync(s => s.SignOutEverywhereAsync(w.Owner.Id, w.Home.Id, w.Owner.Id));
        var notHome = await RunAsync(s => s.SignOutEverywhereAsync(w.OtherOwner.Id, w.Other.Id, w.Agent.Id));
        var beyond = await RunAsync(s => s.SignOutEverywhereAsync(w.Admin.Id, w.Home.Id, w.Agent.Id));
        var agent = await RunAsync(s => s.SignOutEverywhereAsync(w.Agent.Id, w.Home.Id, w.Admin.Id));
        var elsewhere = await RunAsync(s => s.SignOutEverywhereAsync(w.OtherOwner.Id, w.Other.Id, w.Admin.Id));

        Assert.Equal([AccessErrors.OwnSignIn], self.Errors);
        Assert.Equal([AccessErrors.NotHomeAccount], notHome.Errors);
        Assert.Equal("SignInBeyondReach", beyond.Errors.Single().Code);
        Assert.Contains(w.Other.Name, beyond.Errors.Single().Message);
        Assert.Equal(CommandStatus.Forbidden, agent.Status);
        Assert.Equal(CommandStatus.NotFound, elsewhere.Status);
        Assert.All(await SessionsAsync(w.Agent), s => Assert.Null(s.EndedAt));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class SessionManagementSqliteTests(SqliteCore fixture) : SessionManagementTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class SessionManagementPostgresTests(PostgresCore fixture) : SessionManagementTests(fixture);
