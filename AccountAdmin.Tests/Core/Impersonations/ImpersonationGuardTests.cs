using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Impersonations;

public abstract class ImpersonationGuardTests(CoreFixture fixture)
{
    private sealed record Actor(Guid? UserId, Guid? ImpersonatorUserId, Guid? ConfinedToAccountId) : IActorContext
    {
        public Guid? SessionId => null;
        public string? ClientIp => "192.0.2.7";
    }

    private Task<CommandResult?> RefuseAsync(Actor actor, Account account, AppUser user) => fixture.RunAsync(sp =>
    {
        var db = sp.GetRequiredService<AccountAdminDbContext>();
        var guard = new ImpersonationGuard(db, new AuditTrail(db, actor, TimeProvider.System), actor);
        return guard.RefuseAsync("change this user's password", account.AgencyId, account.Id, user.Id, "NewPassword", CancellationToken.None);
    });

    private Task<List<AuditEvent>> RefusalsOfAsync(AppUser user) => fixture.RunAsync(sp =>
        sp.GetRequiredService<AccountAdminDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.ImpersonationActionRefused && e.TargetUserId == user.Id).ToListAsync());

    private Task<(Account Account, AppUser Owner, AppUser Agent)> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var account = await data.AccountAsync();
        return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
    });

    [Fact]
    public async Task WhileImpersonating_TheChangeIsRefused_AtItsField_AndTheRefusalIsSavedInTheAuditLog()
    {
        var (account, owner, agent) = await SetupAsync();

        var refused = await RefuseAsync(new Actor(agent.Id, owner.Id, account.Id), account, agent);

        var error = Assert.Single(refused!.Errors);
        Assert.Equal(
            ("While you are logged in as someone else you can't change this user's password. Return to your own account first.", "NewPassword"),
            (error.Message, error.Field));
        var recorded = Assert.Single(await RefusalsOfAsync(agent));
        Assert.Equal("Refused while impersonating: change this user's password", recorded.Details);
        Assert.Equal((agent.Id, owner.Id, account.Id), (recorded.ActorUserId, recorded.ImpersonatorUserId, recorded.AccountId));
    }

    [Fact]
    public async Task NotImpersonating_NothingIsRefused_NorRecorded()
    {
        var (account, owner, agent) = await SetupAsync();

        Assert.Null(await RefuseAsync(new Actor(owner.Id, null, null), account, agent));
        Assert.Empty(await RefusalsOfAsync(agent));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class ImpersonationGuardSqliteTests(SqliteCore fixture) : ImpersonationGuardTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class ImpersonationGuardPostgresTests(PostgresCore fixture) : ImpersonationGuardTests(fixture);
