using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountAdmin.Tests.Core.Impersonations;

/// <summary>An impersonation started through the service ends by itself at start + Impersonation:TimeLimit, on a clock the test moves.</summary>
public abstract class ImpersonationTimeLimitTests(CoreFixture fixture)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2034, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private Task<T> RunAsync<T>(Func<IImpersonationService, Task<T>> call) =>
        fixture.RunAsync(sp => call(new ImpersonationService(
            sp.GetRequiredService<AccountAdminDbContext>(), sp.GetRequiredService<IAccessService>(), sp.GetRequiredService<AuditTrail>(),
            sp.GetRequiredService<IActorContext>(), sp.GetRequiredService<ImpersonationOptions>(), clock)));

    [Fact]
    public async Task Impersonation_WhenItsTimeLimitPasses_IsEnded()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
        });
        var limit = await fixture.RunAsync(sp => Task.FromResult(sp.GetRequiredService<ImpersonationOptions>().TimeLimit));
        var start = clock.GetUtcNow().UtcDateTime;

        var (result, session) = await RunAsync(i => i.StartAsync(owner.Id, account.Id, agent.Id, "Checking the agent's view"));
        var stamp = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().Users
            .Where(u => u.Id == agent.Id).Select(u => u.SecurityStamp!).SingleAsync());
        var live = await fixture.WithDataAsync(data => data.SessionAsync(owner));

        Assert.Equal(CommandStatus.Done, result.Status);
        // The README's default for Impersonation:TimeLimit, which the fixture does not set.
        Assert.Equal(TimeSpan.FromMinutes(30), limit);
        Assert.Equal(start + limit, session!.ExpiresAt);
        Assert.Equal(start + limit, Assert.Single(await RunAsync(i => i.OfUserAsync(agent.Id, 10))).ExpiresAt);

        clock.Advance(limit - TimeSpan.FromTicks(1));
        Assert.Null(await RunAsync(i => i.CheckAsync(session.Id, stamp, session.ImpersonatorStamp, live)));

        clock.Advance(TimeSpan.FromTicks(2));
        Assert.Equal(ImpersonationEnd.TimedOut, await RunAsync(i => i.CheckAsync(session.Id, stamp, session.ImpersonatorStamp, live)));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class ImpersonationTimeLimitSqliteTests(SqliteCore fixture) : ImpersonationTimeLimitTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class ImpersonationTimeLimitPostgresTests(PostgresCore fixture) : ImpersonationTimeLimitTests(fixture);
