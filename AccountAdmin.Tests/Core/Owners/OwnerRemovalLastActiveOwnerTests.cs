using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Owners;

/// <summary>Stepping down as Owner leaves the account at least one Owner who is not suspended.</summary>
public abstract class OwnerRemovalLastActiveOwnerTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IOwnerRemovals, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IOwnerRemovals>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    [Fact]
    public async Task Approval_WhenTheOnlyOtherOwnerIsSuspended_IsRefusedAsTheLastOwner()
    {
        var (account, asking, stepping) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Owner));
        });
        Assert.Equal(CommandStatus.Done, (await RunAsync(r => r.RequestAsync(asking.Id, account.Id, stepping.Id, AccountRole.Administrator))).Status);
        Assert.Equal(CommandStatus.Done, (await fixture.RunAsync(
            sp => sp.GetRequiredService<IUserAdministration>().SuspendAsync(stepping.Id, account.Id, asking.Id))).Status);
        var pending = Assert.Single(await RunAsync(r => r.PendingForAsync(stepping.Id)));

        var result = await RunAsync(r => r.DecideAsync(stepping.Id, pending.Id, approve: true));

        Assert.Equal([OwnerErrors.LastOwner], result.Errors);
        var membership = await QueryAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.AccountId == account.Id && m.UserId == stepping.Id));
        Assert.Equal((AccountRole.Owner, MembershipStatus.Active), (membership.Role, membership.Status));
        Assert.Equal(pending.Id, Assert.Single(await RunAsync(r => r.PendingForAsync(stepping.Id))).Id);
        Assert.False(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.OwnerRemovalApproved && e.TargetUserId == stepping.Id)));
        Assert.False(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.To == asking.Email && m.Subject.Contains("is no longer an Owner"))));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class OwnerRemovalLastActiveOwnerSqliteTests(SqliteCore fixture) : OwnerRemovalLastActiveOwnerTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class OwnerRemovalLastActiveOwnerPostgresTests(PostgresCore fixture) : OwnerRemovalLastActiveOwnerTests(fixture);
