using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Users;

/// <summary>
/// The same change asked 25 times at once, each in its own request: it happens once, with one audit event and one
/// e-mail, and every other request is told why not.
/// </summary>
public abstract class OneWinnerTests(CoreFixture fixture)
{
    private const int Requests = 25;

    private async Task<CommandResult[]> RaceAsync(Func<IServiceProvider, Task<CommandResult>> command)
    {
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Requests).Select(_ => Task.Run(async () =>
        {
            await using var scope = fixture.NewScope();
            start.Wait();
            return await command(scope.ServiceProvider);
        })).ToList();
        start.Set();
        return await Task.WhenAll(racers);
    }

    private Task<int> EventsAsync(string action, AppUser target) =>
        fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().AuditEvents.CountAsync(e => e.Action == action && e.TargetUserId == target.Id));

    private Task<int> MailsAsync(AppUser to) =>
        fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().OutboxMessages.CountAsync(m => m.To == to.Email));

    private static void AssertOneWinner(CommandResult[] results, CommandError refusal)
    {
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal([refusal], r.Errors));
    }

    private Task<(Account Account, AppUser Owner, AppUser Agent)> AccountAsync() => fixture.WithDataAsync(async data =>
    {
        var account = await data.AccountAsync();
        var owner = await data.MemberAsync(account, AccountRole.Owner);
        var agent = await data.MemberAsync(account, AccountRole.CallAgent);
        await data.GrantAsync(await data.AccountAsync(), agent, AccountRole.CallAgent);
        return (account, owner, agent);
    });

    [Fact]
    public async Task Remove_AskedManyTimesAtOnce_RemovesOnce_WithOneEventAndOneEmail()
    {
        var (account, owner, agent) = await AccountAsync();
        var mails = await MailsAsync(agent);

        var results = await RaceAsync(sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(owner.Id, account.Id, agent.Id));

        AssertOneWinner(results, UserErrors.AlreadyRemoved);
        Assert.Equal(1, await EventsAsync(AuditActions.MembershipEnded, agent));
        Assert.Equal(mails + 1, await MailsAsync(agent));
    }

    [Fact]
    public async Task RemovedFromEachOfTheirAccountsAtOnce_EveryUserIsArchived_NoneKeptWithNothingLeft()
    {
        var people = await fixture.WithDataAsync(async data =>
        {
            var (main, west) = (await data.AccountAsync(), await data.AccountAsync());
            var admin = await data.MemberAsync(main, AccountRole.Owner);
            await data.GrantAsync(west, admin, AccountRole.Owner);
            var agents = new List<AppUser>();
            for (var i = 0; i < 8; i++)
            {
                var agent = await data.MemberAsync(main, AccountRole.CallAgent);
                await data.GrantAsync(west, agent, AccountRole.CallAgent);
                agents.Add(agent);
            }

            return (main, west, admin, agents);
        });

        var removals = people.agents.SelectMany(agent => new[] { people.main, people.west }.Select(account => Task.Run(async () =>
        {
            await using var scope = fixture.NewScope();
            return await scope.ServiceProvider.GetRequiredService<IUserAdministration>().RemoveAsync(people.admin.Id, account.Id, agent.Id);
        })));
        var results = await Task.WhenAll(removals);

        Assert.All(results, r => Assert.True(r.Succeeded));
        var ids = people.agents.Select(a => a.Id).ToList();
        Assert.Equal(8, await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().Users.CountAsync(u => ids.Contains(u.Id) && u.ArchivedAt != null)));
        Assert.Equal(8, await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().AuditEvents
            .CountAsync(e => e.Action == AuditActions.UserArchived && e.TargetUserId != null && ids.Contains(e.TargetUserId.Value))));
    }

    [Fact]
    public async Task Restore_AskedManyTimesAtOnce_RestoresOnce_WithOneEventAndOneEmail()
    {
        var (account, owner, agent) = await AccountAsync();
        await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(owner.Id, account.Id, agent.Id));
        var mails = await MailsAsync(agent);

        var results = await RaceAsync(sp => sp.GetRequiredService<IUserAdministration>().RestoreAsync(owner.Id, account.Id, agent.Id));

        AssertOneWinner(results, UserErrors.AlreadyRestored);
        Assert.Equal(1, await EventsAsync(AuditActions.MembershipRestored, agent));
        Assert.Equal(mails + 1, await MailsAsync(agent));
    }

    [Fact]
    public async Task SuspendAndUnsuspend_AskedManyTimesAtOnce_EachHappenOnce()
    {
        var (account, owner, agent) = await AccountAsync();
        var mails = await MailsAsync(agent);

        var suspended = await RaceAsync(sp => sp.GetRequiredService<IUserAdministration>().SuspendAsync(owner.Id, account.Id, agent.Id));
        var unsuspended = await RaceAsync(sp => sp.GetRequiredService<IUserAdministration>().UnsuspendAsync(owner.Id, account.Id, agent.Id));

        AssertOneWinner(suspended, UserErrors.AlreadySuspended);
        AssertOneWinner(unsuspended, UserErrors.NotSuspended);
        Assert.Equal(1, await EventsAsync(AuditActions.MembershipSuspended, agent));
        Assert.Equal(1, await EventsAsync(AuditActions.MembershipUnsuspended, agent));
        Assert.Equal(mails + 1, await MailsAsync(agent));
    }

    [Fact]
    public async Task OwnerApproval_AskedManyTimesAtOnce_IsApprovedOnce_AndTheOtherOwnerIsToldOnce()
    {
        var (account, owner, _) = await AccountAsync();
        var second = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Owner));
        Assert.True((await fixture.RunAsync(sp => sp.GetRequiredService<IOwnerRemovals>().RequestAsync(owner.Id, account.Id, second.Id, AccountRole.Administrator))).Succeeded);
        var request = Assert.Single(await fixture.RunAsync(sp => sp.GetRequiredService<IOwnerRemovals>().PendingForAsync(second.Id)));
        var mails = await MailsAsync(owner);

        var results = await RaceAsync(sp => sp.GetRequiredService<IOwnerRemovals>().DecideAsync(second.Id, request.Id, approve: true));

        AssertOneWinner(results, OwnerErrors.RequestDecided);
        Assert.Equal(1, await EventsAsync(AuditActions.OwnerRemovalApproved, second));
        Assert.Equal(mails + 1, await MailsAsync(owner));
    }

    [Fact]
    public async Task TwoOwnersSteppingDownAtOnce_LeaveTheAccountOneOwner()
    {
        for (var round = 0; round < 3; round++)
        {
            var (account, first, _) = await AccountAsync();
            var second = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Owner));
            await fixture.RunAsync(sp => sp.GetRequiredService<IOwnerRemovals>().RequestAsync(first.Id, account.Id, second.Id, AccountRole.Administrator));
            await fixture.RunAsync(sp => sp.GetRequiredService<IOwnerRemovals>().RequestAsync(second.Id, account.Id, first.Id, AccountRole.Administrator));
            var forFirst = Assert.Single(await fixture.RunAsync(sp => sp.GetRequiredService<IOwnerRemovals>().PendingForAsync(first.Id)));
            var forSecond = Assert.Single(await fixture.RunAsync(sp => sp.GetRequiredService<IOwnerRemovals>().PendingForAsync(second.Id)));

            var results = await Task.WhenAll(
                Task.Run(() => fixture.RunAsync(sp => sp.GetRequiredService<IOwnerRemovals>().DecideAsync(first.Id, forFirst.Id, approve: true))),
                Task.Run(() => fixture.RunAsync(sp => sp.GetRequiredService<IOwnerRemovals>().DecideAsync(second.Id, forSecond.Id, approve: true))));

            AssertOneWinner(results, OwnerErrors.LastOwner);
            Assert.Equal(1, await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().Memberships.CountAsync(
                m => m.AccountId == account.Id && m.Role == AccountRole.Owner && m.EndedAt == null)));
        }
    }

    [Fact]
    public async Task AnInvitation_UsedManyTimesAtOnce_SetsThePasswordOnce()
    {
        var (_, _, agent) = await AccountAsync();
        var link = await fixture.RunAsync(async sp =>
            await sp.GetRequiredService<IInvitationService>().CreateLinkAsync((await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(agent.Id.ToString()))!));
        var token = link[(link.LastIndexOf('/') + 1)..];

        var results = await RaceAsync(sp => sp.GetRequiredService<IInvitationService>().SetPasswordAsync(token, "Chosen-Pass-2026!"));

        AssertOneWinner(results, InvitationErrors.Expired);
        Assert.Equal(1, await EventsAsync(AuditActions.PasswordSet, agent));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class OneWinnerSqliteTests(SqliteCore fixture) : OneWinnerTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class OneWinnerPostgresTests(PostgresCore fixture) : OneWinnerTests(fixture);
