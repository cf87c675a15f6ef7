using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Placements;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Users;

/// <summary>A suspended Owner can do nothing in the account, yet their role still outranks an Administrator there.</summary>
public abstract class SuspendedOwnerTests(CoreFixture fixture)
{
    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private async Task<(Account Account, AppUser Owner, AppUser Admin)> SuspendedOwnerAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            await data.MemberAsync(account, AccountRole.Owner);
            var owner = await data.MemberAsync(account, AccountRole.Owner, "Sue", "Suspended");
            await data.SuspendAsync(account, owner);
            return (account, owner, await data.MemberAsync(account, AccountRole.Administrator));
        });

    [Fact]
    public async Task Unsuspend_WhenAnAdministratorActsOnASuspendedOwner_IsRefused()
    {
        var (account, owner, admin) = await SuspendedOwnerAsync();

        var result = await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().UnsuspendAsync(admin.Id, account.Id, owner.Id));

        Assert.Equal([AccessErrors.TargetOutranksActor], result.Errors);
        Assert.Equal(MembershipStatus.Suspended, await QueryAsync(db => db.Memberships
            .Where(m => m.AccountId == account.Id && m.UserId == owner.Id).Select(m => m.Status).SingleAsync()));
        Assert.False(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.MembershipUnsuspended && e.TargetUserId == owner.Id)));
    }

    [Fact]
    public async Task ProfileEdit_WhenAnAdministratorActsOnASuspendedOwner_IsRefused()
    {
        var (account, owner, admin) = await SuspendedOwnerAsync();
        var before = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == owner.Id));
        var profile = (await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().GetAsync(admin.Id, account.Id, owner.Id)))!;
        var update = new ProfileUpdate(
            "Boss", profile.Settings, new AgentPlacement(profile.ScheduleId, null, profile.GroupIds), profile.ConcurrencyStamp, FirstName: "Changed");

        var result = await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().UpdateAsync(admin.Id, account.Id, owner.Id, update));

        Assert.Equal([AccessErrors.TargetOutranksActor], result.Errors);
        var after = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == owner.Id));
        Assert.Equal((before.FirstName, before.Nickname, before.ConcurrencyStamp), (after.FirstName, after.Nickname, after.ConcurrencyStamp));
        Assert.False(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.UserUpdated && e.TargetUserId == owner.Id)));
        Assert.True(profile.OutranksViewer);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class SuspendedOwnerSqliteTests(SqliteCore fixture) : SuspendedOwnerTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class SuspendedOwnerPostgresTests(PostgresCore fixture) : SuspendedOwnerTests(fixture);
