using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Owners;

public abstract class OwnerRemovalsTests(CoreFixture fixture)
{
    private sealed record Actor(Guid? UserId, Guid? ImpersonatorUserId, Guid? ConfinedToAccountId) : IActorContext
    {
        public Guid? SessionId => null;
        public string? ClientIp => "192.0.2.7";
    }

    private Task<T> RunAsync<T>(Func<IOwnerRemovals, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IOwnerRemovals>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    /// <summary>The Owner's answer given by <paramref name="impersonator"/> while logged in as them, kept to <paramref name="account"/>.</summary>
    private Task<CommandResult> DecideLoggedInAsAsync(AppUser owner, AppUser impersonator, Account account, Guid requestId, bool approve) => fixture.RunAsync(sp =>
    {
        var db = sp.GetRequiredService<AccountAdminDbContext>();
        var actor = new Actor(owner.Id, impersonator.Id, account.Id);
        var audit = new AuditTrail(db, actor, TimeProvider.System);
        var removals = new OwnerRemovals(
            db, sp.GetRequiredService<IAccessService>(), audit, sp.GetRequiredService<EmailOutbox>(), sp.GetRequiredService<EmailTemplates>(),
            new ImpersonationGuard(db, audit, actor), TimeProvider.System);
        return removals.DecideAsync(owner.Id, requestId, approve);
    });

    private Task<List<AuditEvent>> EventsAsync(Account account, string action) =>
        QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.AccountId == account.Id && e.Action == action).ToListAsync());

    private async Task<(Account Account, AppUser First, AppUser Second, AppUser Third)> ThreeOwnersAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Owner),
                await data.MemberAsync(account, AccountRole.Owner));
        });

    [Fact]
    public async Task Request_ThenApproval_ChangesTheRole_AndEmailsTheOtherOwners()
    {
        var (account, first, second, third) = await ThreeOwnersAsync();

        Assert.Equal(CommandStatus.Done, (await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.Administrator))).Status);
        Assert.Equal(AccountRole.Owner, await QueryAsync(db => db.Memberships.Where(m => m.AccountId == account.Id && m.UserId == second.Id).Select(m => m.Role).SingleAsync()));
        var asked = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == second.Email));
        Assert.Contains("/profile", asked.TextBody);
        var pending = Assert.Single(await RunAsync(r => r.PendingForAsync(second.Id)));
        Assert.Equal(account.Name, pending.AccountName);

        Assert.Equal(CommandStatus.Done, (await RunAsync(r => r.DecideAsync(second.Id, pending.Id, approve: true))).Status);

        Assert.Equal(AccountRole.Administrator, await QueryAsync(db => db.Memberships.Where(m => m.AccountId == account.Id && m.UserId == second.Id).Select(m => m.Role).SingleAsync()));
        var told = await QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Subject.Contains("is no longer an Owner")).Select(m => m.To).ToListAsync());
        Assert.Contains(first.Email!, told);
        Assert.Contains(third.Email!, told);
        Assert.DoesNotContain(second.Email!, told);
        Assert.Empty(await RunAsync(r => r.PendingForAsync(second.Id)));
    }

    [Fact]
    public async Task Decline_KeepsTheOwner_AndTellsTheRequester()
    {
        var (account, first, second, _) = await ThreeOwnersAsync();
        await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.CallAgent));
        var pending = Assert.Single(await RunAsync(r => r.PendingForAsync(second.Id)));

        await RunAsync(r => r.DecideAsync(second.Id, pending.Id, approve: false));

        Assert.Equal(AccountRole.Owner, await QueryAsync(db => db.Memberships.Where(m => m.AccountId == account.Id && m.UserId == second.Id).Select(m => m.Role).SingleAsync()));
        Assert.True(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.To == first.Email && m.Subject.Contains("declined"))));
        Assert.Equal([OwnerErrors.RequestDecided], (await RunAsync(r => r.DecideAsync(second.Id, pending.Id, approve: true))).Errors);
    }

    [Fact]
    public async Task OnlyOwnersAsk_NotForThemselves_NotTwice_AndNotForNonOwners()
    {
        var (account, first, second, _) = await ThreeOwnersAsync();
        var (admin, agent) = await fixture.WithDataAsync(async data =>
            (await data.MemberAsync(account, AccountRole.Administrator), await data.MemberAsync(account, AccountRole.CallAgent)));

        Assert.Equal([OwnerErrors.OnlyOwnersRequest], (await RunAsync(r => r.RequestAsync(admin.Id, account.Id, second.Id, AccountRole.Administrator))).Errors);
        Assert.Equal(CommandStatus.Forbidden, (await RunAsync(r => r.RequestAsync(agent.Id, account.Id, second.Id, AccountRole.Administrator))).Status);
        Assert.Equal([OwnerErrors.OwnOwnerRemoval], (await RunAsync(r => r.RequestAsync(first.Id, account.Id, first.Id, AccountRole.Administrator))).Errors);
        Assert.Equal([OwnerErrors.NotAnOwner], (await RunAsync(r => r.RequestAsync(first.Id, account.Id, admin.Id, AccountRole.CallAgent))).Errors);
        Assert.Equal([OwnerErrors.NewRoleMustDiffer], (await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.Owner))).Errors);
        Assert.Equal(CommandStatus.Done, (await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.Administrator))).Status);
        Assert.Equal([OwnerErrors.RequestPending], (await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.CallAgent))).Errors);
    }

    [Fact]
    public async Task TheLastOwner_CannotApproveTheirRemoval()
    {
        var (account, first, second, _) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Owner), (AppUser?)null);
        });
        await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.Administrator));
        await RunAsync(r => r.RequestAsync(second.Id, account.Id, first.Id, AccountRole.Administrator));
        var forSecond = Assert.Single(await RunAsync(r => r.PendingForAsync(second.Id)));
        var forFirst = Assert.Single(await RunAsync(r => r.PendingForAsync(first.Id)));

        Assert.True((await RunAsync(r => r.DecideAsync(second.Id, forSecond.Id, approve: true))).Succeeded);
        var last = await RunAsync(r => r.DecideAsync(first.Id, forFirst.Id, approve: true));

        Assert.Equal([OwnerErrors.LastOwner], last.Errors);
        Assert.Equal(AccountRole.Owner, await QueryAsync(db => db.Memberships.Where(m => m.AccountId == account.Id && m.UserId == first.Id).Select(m => m.Role).SingleAsync()));
    }

    [Fact]
    public async Task SomeoneElsesRequest_IsNotFound()
    {
        var (account, first, second, third) = await ThreeOwnersAsync();
        await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.Administrator));
        var pending = Assert.Single(await RunAsync(r => r.PendingForAsync(second.Id)));

        Assert.Equal(CommandStatus.NotFound, (await RunAsync(r => r.DecideAsync(third.Id, pending.Id, approve: true))).Status);
    }

    [Fact]
    public async Task EachRequestAndAnswer_IsAudited_WithTheNewRole_AndTheRequestKeepsItsAnswer()
    {
        var (account, first, second, third) = await ThreeOwnersAsync();
        await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.Administrator));
        await RunAsync(r => r.RequestAsync(first.Id, account.Id, third.Id, AccountRole.CallAgent));
        var toSecond = Assert.Single(await RunAsync(r => r.PendingForAsync(second.Id)));
        var toThird = Assert.Single(await RunAsync(r => r.PendingForAsync(third.Id)));

        Assert.True((await RunAsync(r => r.DecideAsync(second.Id, toSecond.Id, approve: true))).Succeeded);
        Assert.True((await RunAsync(r => r.DecideAsync(third.Id, toThird.Id, approve: false))).Succeeded);

        Assert.Equal(
            [(second.Id, first.Id, $"New role: {AccountRole.Administrator.Display()}"), (third.Id, first.Id, $"New role: {AccountRole.CallAgent.Display()}")],
            (await EventsAsync(account, AuditActions.OwnerRemovalRequested)).Select(e => (e.TargetUserId!.Value, e.ActorUserId!.Value, e.Details)).OrderBy(e => e.Details));
        var approved = Assert.Single(await EventsAsync(account, AuditActions.OwnerRemovalApproved));
        Assert.Equal((second.Id, second.Id, $"Now {AccountRole.Administrator.Display()}"), (approved.TargetUserId!.Value, approved.ActorUserId!.Value, approved.Details));
        var declined = Assert.Single(await EventsAsync(account, AuditActions.OwnerRemovalDeclined));
        Assert.Equal((third.Id, third.Id), (declined.TargetUserId!.Value, declined.ActorUserId!.Value));
        Assert.Equal(
            (OwnerRemovalStatus.Approved, OwnerRemovalStatus.Declined),
            (await QueryAsync(db => db.OwnerRemovalRequests.Where(r => r.Id == toSecond.Id).Select(r => r.Status).SingleAsync()),
                await QueryAsync(db => db.OwnerRemovalRequests.Where(r => r.Id == toThird.Id).Select(r => r.Status).SingleAsync())));
    }

    [Fact]
    public async Task DecliningAgain_IsRefused_AndTellsTheRequesterOnlyOnce()
    {
        var (account, first, second, _) = await ThreeOwnersAsync();
        await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.Administrator));
        var pending = Assert.Single(await RunAsync(r => r.PendingForAsync(second.Id)));

        Assert.True((await RunAsync(r => r.DecideAsync(second.Id, pending.Id, approve: false))).Succeeded);
        var again = await RunAsync(r => r.DecideAsync(second.Id, pending.Id, approve: false));

        Assert.Equal([OwnerErrors.RequestDecided], again.Errors);
        Assert.Equal(1, await QueryAsync(db => db.OutboxMessages.CountAsync(m => m.To == first.Email && m.Subject.Contains("declined"))));
        Assert.Single(await EventsAsync(account, AuditActions.OwnerRemovalDeclined));
    }

    [Fact]
    public async Task TheRequestsWaitingForAnOwner_AreListedOldestFirst_WithWhoAsked()
    {
        var (older, newer, owner, ann, bob) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var older = await data.AccountAsync(agency);
            var newer = await data.AccountAsync(agency);
            var owner = await data.MemberAsync(older, AccountRole.Owner);
            await data.GrantAsync(newer, owner, AccountRole.Owner);
            return (older, newer, owner, await data.MemberAsync(older, AccountRole.Owner, "Ann", "Asker"),
                await data.MemberAsync(newer, AccountRole.Owner, "Bob", "Booker"));
        });
        await RunAsync(r => r.RequestAsync(ann.Id, older.Id, owner.Id, AccountRole.Administrator));
        await RunAsync(r => r.RequestAsync(bob.Id, newer.Id, owner.Id, AccountRole.CallAgent));

        var pending = await RunAsync(r => r.PendingForAsync(owner.Id));

        Assert.Equal(
            [(older.Id, older.Name, "Ann Asker", AccountRole.Administrator), (newer.Id, newer.Name, "Bob Booker", AccountRole.CallAgent)],
            pending.Select(p => (p.AccountId, p.AccountName, p.RequestedBy, p.NewRole)));
    }

    [Fact]
    public async Task WhileLoggedInAsTheOwner_TheirAnswerIsRefused_AndRecorded_AndSomeoneElsesRequestIsNotFound()
    {
        var (account, first, second, third) = await ThreeOwnersAsync();
        await RunAsync(r => r.RequestAsync(first.Id, account.Id, second.Id, AccountRole.Administrator));
        var pending = Assert.Single(await RunAsync(r => r.PendingForAsync(second.Id)));

        var approve = await DecideLoggedInAsAsync(second, first, account, pending.Id, approve: true);
        var decline = await DecideLoggedInAsAsync(second, first, account, pending.Id, approve: false);
        var notTheirs = await DecideLoggedInAsAsync(third, first, account, pending.Id, approve: true);

        Assert.Equal(
            [("While you are logged in as someone else you can't approve a request to step down as Owner. Return to your own account first.", "")],
            approve.Errors.Select(e => (e.Message, e.Field)));
        Assert.Equal(
            [("While you are logged in as someone else you can't decline a request to step down as Owner. Return to your own account first.", "")],
            decline.Errors.Select(e => (e.Message, e.Field)));
        Assert.Equal(CommandStatus.NotFound, notTheirs.Status);
        Assert.Equal(pending.Id, Assert.Single(await RunAsync(r => r.PendingForAsync(second.Id))).Id);
        Assert.Equal(
            ["Refused while impersonating: approve a request to step down as Owner", "Refused while impersonating: decline a request to step down as Owner"],
            (await EventsAsync(account, AuditActions.ImpersonationActionRefused)).Select(e => e.Details).Order());
    }

    [Fact]
    public async Task PasswordChange_NeedsTheCurrentPassword_AndRotatesTheStamp()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());

        var wrong = await fixture.RunAsync(sp => sp.GetRequiredService<IPasswordService>().ChangeAsync(user.Id, "not-it", "Newer-Pass-2026!"));
        var weak = await fixture.RunAsync(sp => sp.GetRequiredService<IPasswordService>().ChangeAsync(user.Id, TestData.Password, "short"));
        var done = await fixture.RunAsync(sp => sp.GetRequiredService<IPasswordService>().ChangeAsync(user.Id, TestData.Password, "Newer-Pass-2026!"));

        Assert.Equal("CurrentPassword", Assert.Single(wrong.Errors).Field);
        Assert.All(weak.Errors, e => Assert.Equal("NewPassword", e.Field));
        Assert.True(done.Succeeded);
        Assert.NotEqual(user.SecurityStamp, await QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).SingleAsync()));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class OwnerRemovalsSqliteTests(SqliteCore fixture) : OwnerRemovalsTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class OwnerRemovalsPostgresTests(PostgresCore fixture) : OwnerRemovalsTests(fixture);
