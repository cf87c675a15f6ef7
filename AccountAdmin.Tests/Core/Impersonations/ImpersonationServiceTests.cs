using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Impersonations;

public abstract class ImpersonationServiceTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IImpersonationService, Task<T>> call) =>
        fixture.RunAsync(sp => call(sp.GetRequiredService<IImpersonationService>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private sealed record Setup(Agency Agency, Account Account, AppUser Owner, AppUser Agent, AppUser Support);

    private Task<Setup> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var support = await data.UserAsync("support", "Sam", "Support");
        var tracked = await data.Db.Users.SingleAsync(u => u.Id == support.Id);
        tracked.MakeSupportStaff();
        await data.Db.SaveChangesAsync();
        return new Setup(agency, account, await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner"),
            await data.MemberAsync(account, AccountRole.CallAgent, "Abe", "Agent"), support);
    });

    private Task<string> StampOfAsync(AppUser user) => QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SecurityStamp!).SingleAsync());

    private async Task<(ImpersonationSession Session, string UserStamp)> StartedAsync(Setup s)
    {
        var (result, session) = await RunAsync(i => i.StartAsync(s.Owner.Id, s.Account.Id, s.Agent.Id, "Checking the agent's view"));
        Assert.Equal(CommandStatus.Done, result.Status);
        return (session!, await StampOfAsync(s.Agent));
    }

    [Fact]
    public async Task AnOwner_StartsAnImpersonation_ConfinedToTheAccount_AndItIsRecorded()
    {
        var s = await SetupAsync();

        var (preview, session) = (await RunAsync(i => i.PreviewAsync(s.Owner.Id, s.Account.Id, s.Agent.Id)), await StartedAsync(s));

        Assert.Equal(("Abe Agent", s.Account.Id, false), (preview.Preview!.Name, preview.Preview.AccountId, preview.Preview.BySupport));
        Assert.Equal([AccountAdmin.Core.Permissions.Permission.MakeCalls], preview.Preview.Permissions);
        Assert.Equal((s.Agent.Id, s.Owner.Id, (Guid?)s.Account.Id), (session.Session.UserId, session.Session.ImpersonatorUserId, session.Session.AccountId));
        Assert.Equal(await StampOfAsync(s.Owner), session.Session.ImpersonatorStamp);
        var started = await QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ImpersonationStarted && e.TargetUserId == s.Agent.Id));
        Assert.Equal((s.Owner.Id, (Guid?)s.Account.Id), (started.ActorUserId!.Value, started.AccountId));
        Assert.Contains("Checking the agent's view", started.Details);
    }

    [Fact]
    public async Task EachRefusal_HasAMessage_AndAnAuditEvent_AndStartsNothing()
    {
        var s = await SetupAsync();
        var (archived, foreign, otherSupport) = await fixture.WithDataAsync(async data =>
        {
            var archived = await data.MemberAsync(s.Account, AccountRole.CallAgent, "Gone", "Away");
            await data.ArchiveAsync(archived);
            var foreign = await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent, "Far", "Away");
            var otherSupport = await data.UserAsync("support2");
            var tracked = await data.Db.Users.SingleAsync(u => u.Id == otherSupport.Id);
            tracked.MakeSupportStaff();
            await data.Db.SaveChangesAsync();
            return (archived, foreign, otherSupport);
        });
        var attempts = new (Guid Actor, Guid? Account, Guid User, string? Reason, string Code)[]
        {
            (s.Owner.Id, s.Account.Id, s.Owner.Id, null, "Self"),
            (s.Owner.Id, s.Account.Id, archived.Id, null, "Archived"),
            (s.Owner.Id, s.Account.Id, foreign.Id, null, "NotHere"),
            (s.Owner.Id, s.Account.Id, Guid.NewGuid(), null, "NoSuchUser"),
            (s.Owner.Id, Guid.NewGuid(), s.Agent.Id, null, "NotManaged"),
            (s.Agent.Id, s.Account.Id, s.Owner.Id, null, "NotManaged"),
            (s.Support.Id, null, otherSupport.Id, "Curious", "SupportStaff"),
            (s.Support.Id, null, s.Agent.Id, " ", "ReasonRequired"),
            (s.Owner.Id, null, s.Agent.Id, null, "NotManaged"),
        };

        foreach (var (actor, account, user, reason, code) in attempts)
        {
            var (result, session) = await RunAsync(i => i.StartAsync(actor, account, user, reason));
            Assert.Null(session);
            Assert.Equal(code, Assert.Single(result.Errors).Code);
        }

        Assert.Equal(attempts.Length, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ImpersonationRefused
            && (e.ActorUserId == s.Owner.Id || e.ActorUserId == s.Agent.Id || e.ActorUserId == s.Support.Id))));
        Assert.Equal(0, await QueryAsync(db => db.Impersonations.CountAsync(i => i.ImpersonatorUserId == s.Owner.Id || i.ImpersonatorUserId == s.Support.Id)));
    }

    [Fact]
    public async Task AnAdministrator_CannotLogInAsTheOwner_WhoCanDoMore()
    {
        var s = await SetupAsync();
        var admin = await fixture.WithDataAsync(data => data.MemberAsync(s.Account, AccountRole.Administrator));

        var (result, _) = await RunAsync(i => i.StartAsync(admin.Id, s.Account.Id, s.Owner.Id, null));
        var (agent, _) = await RunAsync(i => i.StartAsync(admin.Id, s.Account.Id, s.Agent.Id, null));

        Assert.Equal("Outranks", Assert.Single(result.Errors).Code);
        Assert.Equal(CommandStatus.Done, agent.Status);
    }

    [Fact]
    public async Task SupportStaff_LogInAsAnyCustomerUser_WithAReason_Unconfined()
    {
        var s = await SetupAsync();

        var (result, session) = await RunAsync(i => i.StartAsync(s.Support.Id, null, s.Owner.Id, "Ticket 77"));
        var live = await fixture.WithDataAsync(data => data.SessionAsync(s.Support));
        var records = await RunAsync(i => i.OfUserAsync(s.Owner.Id, 10));

        Assert.Equal(CommandStatus.Done, result.Status);
        Assert.Null(session!.AccountId);
        var record = Assert.Single(records);
        Assert.Equal(("Sam Support", true, "Ticket 77"), (record.ImpersonatorName, record.BySupport, record.Reason));
        Assert.Null(await RunAsync(i => i.CheckAsync(session.Id, s.Owner.SecurityStamp, session.ImpersonatorStamp, live)));
    }

    [Fact]
    public async Task TheCheck_IsOneQuery_AndEndsOnTheTimeLimit()
    {
        var s = await SetupAsync();
        var (session, stamp) = await StartedAsync(s);
        var live = await fixture.WithDataAsync(data => data.SessionAsync(s.Owner));

        var (current, commands) = await CommandCounter.CountAsync(() => RunAsync(i => i.CheckAsync(session.Id, stamp, session.ImpersonatorStamp, live)));
        await fixture.WithDataAsync(async data =>
            await data.Db.Impersonations.Where(i => i.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));

        Assert.Null(current);
        Assert.Equal(1, commands);
        Assert.Equal(ImpersonationEnd.TimedOut, await RunAsync(i => i.CheckAsync(session.Id, stamp, session.ImpersonatorStamp, live)));
    }

    [Fact]
    public async Task TheCheck_Ends_WhenTheUserIsSuspended_OrTheOwnerIsNoLongerOne_OrEitherSignInChanges()
    {
        var s = await SetupAsync();
        var (session, stamp) = await StartedAsync(s);
        var live = await fixture.WithDataAsync(data => data.SessionAsync(s.Owner));

        Assert.Equal(ImpersonationEnd.UserLostAccess, await RunAsync(i => i.CheckAsync(session.Id, "another stamp", session.ImpersonatorStamp, live)));
        Assert.Equal(ImpersonationEnd.ImpersonatorSignedOut, await RunAsync(i => i.CheckAsync(session.Id, stamp, "another stamp", live)));
        Assert.Equal(ImpersonationEnd.ImpersonatorSignedOut, await RunAsync(i => i.CheckAsync(session.Id, stamp, session.ImpersonatorStamp, Guid.NewGuid())));
        await fixture.WithDataAsync(async data =>
            await data.Db.Memberships.Where(m => m.UserId == s.Owner.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Role, AccountRole.BillingManager)));
        Assert.Equal(ImpersonationEnd.ImpersonatorLostPermission, await RunAsync(i => i.CheckAsync(session.Id, stamp, session.ImpersonatorStamp, live)));
        await fixture.WithDataAsync(async data =>
            await data.Db.Memberships.Where(m => m.UserId == s.Agent.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MembershipStatus.Suspended)));
        Assert.Equal(ImpersonationEnd.UserLostAccess, await RunAsync(i => i.CheckAsync(session.Id, stamp, session.ImpersonatorStamp, live)));
    }

    [Fact]
    public async Task Ending_IsRecordedOnce_AndTheProfileSaysHowItEnded()
    {
        var s = await SetupAsync();
        var (session, stamp) = await StartedAsync(s);
        var live = await fixture.WithDataAsync(data => data.SessionAsync(s.Owner));

        var first = await RunAsync(i => i.EndAsync(session.Id, ImpersonationEnd.Returned));
        var second = await RunAsync(i => i.EndAsync(session.Id, ImpersonationEnd.TimedOut));
        var record = Assert.Single(await RunAsync(i => i.OfUserAsync(s.Agent.Id, 10)));

        Assert.Equal((s.Owner.Id, s.Owner.Id), (first, second));
        Assert.Equal(ImpersonationEnd.Returned, record.Ended(DateTime.UtcNow)!.Value.Why);
        Assert.Equal(1, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ImpersonationEnded && e.TargetUserId == s.Agent.Id)));
        Assert.Equal(ImpersonationEnd.Returned, await RunAsync(i => i.CheckAsync(session.Id, stamp, session.ImpersonatorStamp, live)));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class ImpersonationServiceSqliteTests(SqliteCore fixture) : ImpersonationServiceTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class ImpersonationServicePostgresTests(PostgresCore fixture) : ImpersonationServiceTests(fixture);
