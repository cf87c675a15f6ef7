using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Users;

public abstract class RestoreTests(CoreFixture fixture)
{
    private Task<CommandResult> RunAsync(Func<IUserAdministration, Task<CommandResult>> command) =>
        fixture.RunAsync(sp => command(sp.GetRequiredService<IUserAdministration>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private async Task<(Account Account, AppUser Owner, AppUser Agent)> RemovedAgentAsync()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
        });
        Assert.True((await RunAsync(a => a.RemoveAsync(owner.Id, account.Id, agent.Id))).Succeeded);
        return (account, owner, agent);
    }

    private static string LinkIn(OutboxMessage message) =>
        message.TextBody.Split('\n').Single(line => line.Contains("/invitation/")).Trim();

    [Fact]
    public async Task Restore_OfAnArchivedUser_BringsTheRoleBack_WithoutAPassword_AndEmailsASetPasswordLink()
    {
        var (account, owner, agent) = await RemovedAgentAsync();

        var result = await RunAsync(a => a.RestoreAsync(owner.Id, account.Id, agent.Id));

        Assert.Equal(CommandStatus.Done, result.Status);
        var membership = await QueryAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.AccountId == account.Id && m.UserId == agent.Id));
        Assert.Null(membership.EndedAt);
        Assert.Equal(AccountRole.CallAgent, membership.Role);
        var user = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id));
        Assert.Null(user.ArchivedAt);
        Assert.Null(user.PasswordHash);
        var mail = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email && m.Subject.Contains("restored your access to")));
        Assert.StartsWith("http://localhost:5000/invitation/", LinkIn(mail));
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.UserRestored && e.TargetUserId == agent.Id)));
    }

    [Fact]
    public async Task Archiving_TakesThePasskeysWithThePassword_SoARestoredUserSetsANewPasswordBeforeSigningIn()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
        });
        await fixture.WithDataAsync(data => data.PasskeyAsync(agent, "Phone"));

        Assert.True((await RunAsync(a => a.RemoveAsync(owner.Id, account.Id, agent.Id))).Succeeded);
        Assert.True((await RunAsync(a => a.RestoreAsync(owner.Id, account.Id, agent.Id))).Succeeded);

        var user = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id));
        Assert.Null(user.PasswordHash);
        Assert.Equal(0, user.PasskeyCount);
        Assert.False(user.HasSecondFactor);
        Assert.False(await QueryAsync(db => db.Set<IdentityUserPasskey<Guid>>().AnyAsync(p => p.UserId == agent.Id)));
    }

    [Fact]
    public async Task Restore_OfAUserWithAccessElsewhere_KeepsTheirPassword_AndSendsNoLink()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var agent = await data.MemberAsync(account, AccountRole.CallAgent);
            await data.GrantAsync(await data.AccountAsync(), agent, AccountRole.CallAgent);
            return (account, await data.MemberAsync(account, AccountRole.Owner), agent);
        });
        await RunAsync(a => a.RemoveAsync(owner.Id, account.Id, agent.Id));

        await RunAsync(a => a.RestoreAsync(owner.Id, account.Id, agent.Id));

        Assert.NotNull((await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id))).PasswordHash);
        var mail = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email && m.Subject.Contains("restored your access to")));
        Assert.DoesNotContain("/invitation/", mail.TextBody);
    }

    [Fact]
    public async Task Restore_OfACurrentMember_IsAlreadyRestored_AndOfAHigherRole_Refused()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
        });
        var (admin, formerOwner) = await fixture.WithDataAsync(async data =>
        {
            var admin = await data.MemberAsync(account, AccountRole.Administrator);
            var formerOwner = await data.MemberAsync(account, AccountRole.Owner);
            var membership = await data.Db.Memberships.SingleAsync(m => m.AccountId == account.Id && m.UserId == formerOwner.Id);
            membership.End(owner.Id, DateTime.UtcNow);
            await data.Db.SaveChangesAsync();
            return (admin, formerOwner);
        });

        Assert.Equal([UserErrors.AlreadyRestored], (await RunAsync(a => a.RestoreAsync(owner.Id, account.Id, agent.Id))).Errors);
        Assert.Equal([UserErrors.RoleAboveActor], (await RunAsync(a => a.RestoreAsync(admin.Id, account.Id, formerOwner.Id))).Errors);
        Assert.Equal(CommandStatus.Done, (await RunAsync(a => a.RestoreAsync(owner.Id, account.Id, formerOwner.Id))).Status);
    }

    [Fact]
    public async Task SetPasswordLink_WorksOnce()
    {
        var (account, owner, agent) = await RemovedAgentAsync();
        await RunAsync(a => a.RestoreAsync(owner.Id, account.Id, agent.Id));
        var link = LinkIn(await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email && m.Subject.Contains("restored your access to"))));
        var token = link[(link.LastIndexOf('/') + 1)..];

        var found = await fixture.RunAsync(sp => sp.GetRequiredService<IInvitationService>().FindAsync(token));
        var first = await fixture.RunAsync(sp => sp.GetRequiredService<IInvitationService>().SetPasswordAsync(token, "Fresh-Pass-2026!"));
        var second = await fixture.RunAsync(sp => sp.GetRequiredService<IInvitationService>().SetPasswordAsync(token, "Other-Pass-2026!"));

        Assert.Equal(agent.Id, found!.Id);
        Assert.Equal(CommandStatus.Done, first.Status);
        Assert.Equal([InvitationErrors.Expired], second.Errors);
        var valid = await fixture.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.CheckPasswordAsync((await users.FindByIdAsync(agent.Id.ToString()))!, "Fresh-Pass-2026!");
        });
        Assert.True(valid);
    }

    [Fact]
    public async Task SetPasswordLink_RefusesAWeakPassword_AtTheField_AndStaysUsable()
    {
        var (account, owner, agent) = await RemovedAgentAsync();
        await RunAsync(a => a.RestoreAsync(owner.Id, account.Id, agent.Id));
        var link = LinkIn(await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email && m.Subject.Contains("restored your access to"))));
        var token = link[(link.LastIndexOf('/') + 1)..];

        var weak = await fixture.RunAsync(sp => sp.GetRequiredService<IInvitationService>().SetPasswordAsync(token, "short"));

        Assert.Equal(CommandStatus.Refused, weak.Status);
        Assert.All(weak.Errors, e => Assert.Equal("Password", e.Field));
        Assert.NotNull(await fixture.RunAsync(sp => sp.GetRequiredService<IInvitationService>().FindAsync(token)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-base64!")]
    [InlineData("QUJDRA")]
    public async Task AlteredLinks_FindNobody(string token)
    {
        Assert.Null(await fixture.RunAsync(sp => sp.GetRequiredService<IInvitationService>().FindAsync(token)));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class RestoreSqliteTests(SqliteCore fixture) : RestoreTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class RestorePostgresTests(PostgresCore fixture) : RestoreTests(fixture);

/// <summary>Links with a one-second life, on a database of their own.</summary>
public sealed class ExpiringLinkTests : IAsyncLifetime
{
    private sealed class ShortLivedCore() : CoreFixture(DatabaseProvider.Sqlite)
    {
        protected override void Configure(IServiceCollection collection) =>
            collection.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromSeconds(1));
    }

    private readonly ShortLivedCore core = new();

    public Task InitializeAsync() => core.InitializeAsync();

    public Task DisposeAsync() => core.DisposeAsync();

    [Fact]
    public async Task ExpiredLink_SaysSo_AndSetsNothing()
    {
        var user = await core.WithDataAsync(data => data.UserAsync(withPassword: false));
        var link = await core.RunAsync(async sp => await sp.GetRequiredService<IInvitationService>().CreateLinkAsync(
            (await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(user.Id.ToString()))!));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var result = await core.RunAsync(sp => sp.GetRequiredService<IInvitationService>().SetPasswordAsync(link[(link.LastIndexOf('/') + 1)..], "Fresh-Pass-2026!"));

        Assert.Equal([InvitationErrors.Expired], result.Errors);
        Assert.Null(await core.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync()));
    }
}
