using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Users;

public abstract class UserAdministrationTests(CoreFixture fixture)
{
    private Task<CommandResult> RemoveAsync(AppUser actor, Account account, AppUser user) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(actor.Id, account.Id, user.Id));

    private Task<CommandResult> SuspendAsync(AppUser actor, Account account, AppUser user) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().SuspendAsync(actor.Id, account.Id, user.Id));

    private Task<CommandResult> UnsuspendAsync(AppUser actor, Account account, AppUser user) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().UnsuspendAsync(actor.Id, account.Id, user.Id));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private Task<Membership> MembershipAsync(Account account, AppUser user) =>
        QueryAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.AccountId == account.Id && m.UserId == user.Id));

    private async Task<(Account Account, AppUser Owner, AppUser Agent)> AccountAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
        });

    [Fact]
    public async Task Remove_EndsOnlyThatMembership_EmailsTheUser_AndAudits()
    {
        var (account, owner, agent) = await AccountAsync();
        var other = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            await data.GrantAsync(other, agent, AccountRole.ReportManager);
            return other;
        });

        var result = await RemoveAsync(owner, account, agent);

        Assert.Equal(CommandStatus.Done, result.Status);
        var ended = await MembershipAsync(account, agent);
        Assert.NotNull(ended.EndedAt);
        Assert.Equal(owner.Id, ended.EndedById);
        Assert.Null((await MembershipAsync(other, agent)).EndedAt);
        var user = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id));
        Assert.Null(user.ArchivedAt);
        Assert.NotNull(user.PasswordHash);
        var mail = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email));
        Assert.Contains(account.Name, mail.Subject);
        Assert.Contains("not affected", mail.TextBody);
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(
            e => e.Action == AuditActions.MembershipEnded && e.TargetUserId == agent.Id && e.ActorUserId == owner.Id && e.AccountId == account.Id)));
    }

    [Fact]
    public async Task Remove_OfTheLastAccess_ArchivesTheUser_ClearsThePassword_AndEndsSessions()
    {
        var (account, owner, agent) = await AccountAsync();
        var stampBefore = agent.SecurityStamp;

        await RemoveAsync(owner, account, agent);

        var user = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id));
        Assert.NotNull(user.ArchivedAt);
        Assert.Null(user.PasswordHash);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.UserArchived && e.TargetUserId == agent.Id)));
    }

    [Fact]
    public async Task NobodyRemovesOrSuspendsThemselves()
    {
        var (account, _, _) = await AccountAsync();
        var admin = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Administrator));

        Assert.Equal([UserErrors.CannotRemoveSelf], (await RemoveAsync(admin, account, admin)).Errors);
        Assert.Equal([UserErrors.CannotSuspendSelf], (await SuspendAsync(admin, account, admin)).Errors);
        Assert.Null((await MembershipAsync(account, admin)).EndedAt);
        Assert.Equal(MembershipStatus.Active, (await MembershipAsync(account, admin)).Status);
    }

    [Fact]
    public async Task Administrators_CannotActOnOwners()
    {
        var (account, owner, _) = await AccountAsync();
        var admin = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Administrator));

        Assert.Equal([AccessErrors.TargetOutranksActor], (await SuspendAsync(admin, account, owner)).Errors);
        Assert.Equal([UserErrors.OwnerRemoval], (await RemoveAsync(admin, account, owner)).Errors);
        Assert.Equal(MembershipStatus.Active, (await MembershipAsync(account, owner)).Status);
    }

    [Fact]
    public async Task AgencyAdministrator_IsNotRemovedFromASingleAccount()
    {
        var (account, agencyAdmin) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var account = await data.AccountAsync(agency);
            var agencyAdmin = await data.MemberAsync(account, AccountRole.Administrator);
            await data.AgencyRoleAsync(agency, agencyAdmin, AgencyRole.AgencyAdministrator);
            return (account, agencyAdmin);
        });
        var otherAgencyAdmin = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync("aa2");
            await data.AgencyRoleAsync(await data.Db.Agencies.SingleAsync(a => a.Id == account.AgencyId), user, AgencyRole.AgencyAdministrator);
            return user;
        });

        var result = await RemoveAsync(otherAgencyAdmin, account, agencyAdmin);

        Assert.Equal([UserErrors.AgencyAdministrator], result.Errors);
        Assert.Contains("All Accounts", result.Errors[0].Message);
        Assert.Null((await MembershipAsync(account, agencyAdmin)).EndedAt);
    }

    [Fact]
    public async Task Suspend_TakesEffectAtOnce_EmailsTheUser_AndUnsuspendRestores()
    {
        var (account, owner, agent) = await AccountAsync();

        Assert.Equal(CommandStatus.Done, (await SuspendAsync(owner, account, agent)).Status);

        var access = await fixture.RunAsync(sp => sp.GetRequiredService<IAccessService>().GetAsync(agent.Id, account.Id));
        Assert.Equal(AccessDenial.Suspended, access!.Access.Denial);
        Assert.Contains("suspended", (await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email))).Subject);

        Assert.Equal(CommandStatus.Done, (await UnsuspendAsync(owner, account, agent)).Status);
        var restored = await fixture.RunAsync(sp => sp.GetRequiredService<IAccessService>().GetAsync(agent.Id, account.Id));
        Assert.True(restored!.Access.Has(Permission.MakeCalls));
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.MembershipUnsuspended && e.TargetUserId == agent.Id)));
    }

    [Fact]
    public async Task TheLastActiveOwner_CannotBeSuspended()
    {
        var (account, owner, _) = await AccountAsync();
        var secondOwner = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Owner));

        Assert.Equal(CommandStatus.Done, (await SuspendAsync(owner, account, secondOwner)).Status);
        var agencyAdmin = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync("aa");
            await data.AgencyRoleAsync(await data.Db.Agencies.SingleAsync(a => a.Id == account.AgencyId), user, AgencyRole.AgencyAdministrator);
            return user;
        });

        Assert.Equal([OwnerErrors.LastOwner], (await SuspendAsync(agencyAdmin, account, owner)).Errors);
    }

    [Fact]
    public async Task WithoutManageUsers_TheChangeIsForbidden()
    {
        var (account, _, agent) = await AccountAsync();
        var reporter = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.ReportManager));

        Assert.Equal(CommandStatus.Forbidden, (await RemoveAsync(reporter, account, agent)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await SuspendAsync(reporter, account, agent)).Status);
        Assert.Null((await MembershipAsync(account, agent)).EndedAt);
    }

    [Fact]
    public async Task AnOwnerElsewhere_GuessingIds_IsForbidden_AndAnOutsiderIsNotFound()
    {
        var (account, _, agent) = await AccountAsync();
        var (otherAccount, otherOwner, _) = await AccountAsync();

        Assert.Equal(CommandStatus.Forbidden, (await RemoveAsync(otherOwner, account, agent)).Status);
        Assert.Equal(CommandStatus.NotFound, (await RemoveAsync(otherOwner, otherAccount, agent)).Status);
        Assert.Equal(CommandStatus.NotFound, await fixture.RunAsync(async sp =>
            (await sp.GetRequiredService<IUserAdministration>().SuspendAsync(otherOwner.Id, Guid.NewGuid(), agent.Id)).Status));
        Assert.Null((await MembershipAsync(account, agent)).EndedAt);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class UserAdministrationSqliteTests(SqliteCore fixture) : UserAdministrationTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class UserAdministrationPostgresTests(PostgresCore fixture) : UserAdministrationTests(fixture);
