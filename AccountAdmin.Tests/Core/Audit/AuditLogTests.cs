using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Audit;

public abstract class AuditLogTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IAuditLog, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IAuditLog>()));

    private sealed record Setup(Agency Agency, Account Account, Account Other, AppUser Owner, AppUser Agent, AppUser Removed, AppUser Support);

    /// <summary>An account with its own events, stamped a day apart, and an agency sibling with one of its own.</summary>
    private Task<Setup> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var other = await data.AccountAsync(agency);
        var owner = await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner");
        var agent = await data.MemberAsync(account, AccountRole.CallAgent, "Abe", "Agent");
        var removed = await data.MemberAsync(account, AccountRole.CallAgent, "Rita", "Removed");
        var support = await data.UserAsync("support", "Sam", "Support");
        var membership = data.Db.Memberships.Single(m => m.UserId == removed.Id);
        membership.End(owner.Id, DateTime.UtcNow);
        await data.ArchiveAsync(removed);
        var day = new DateTime(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);
        data.Db.AuditEvents.AddRange(
            new AuditEvent(day, AuditActions.MembershipSuspended, owner.Id, null, agency.Id, account.Id, agent.Id, "one", "10.0.0.1"),
            new AuditEvent(day.AddDays(1), AuditActions.MembershipEnded, owner.Id, null, agency.Id, account.Id, removed.Id, "two", null),
            new AuditEvent(day.AddDays(2), AuditActions.UserUpdated, agent.Id, support.Id, agency.Id, account.Id, agent.Id, "three, as the agent", null),
            new AuditEvent(day.AddDays(3), AuditActions.MembershipSuspended, owner.Id, null, agency.Id, other.Id, owner.Id, "elsewhere", null));
        await data.Db.SaveChangesAsync();
        return new Setup(agency, account, other, owner, agent, removed, support);
    });

    private static AuditQuery Window => new(From: new DateOnly(2026, 10, 1), To: new DateOnly(2026, 10, 31));

    [Fact]
    public async Task TheAccountsLog_IsNewestFirst_WithBothNamesOnWhatWasDoneWhileImpersonating()
    {
        var s = await SetupAsync();

        var page = await RunAsync(l => l.ListAsync(AuditScope.OfAccount(s.Account.Id), Window));

        Assert.Equal(["three, as the agent", "two", "one"], page.Rows.Select(r => r.Details));
        var impersonated = page.Rows[0];
        Assert.True(impersonated.Impersonated);
        Assert.Equal(("Abe Agent", "Sam Support"), (impersonated.ActorName, impersonated.ImpersonatorName));
        Assert.Equal("Rita Removed", page.Rows[1].TargetName);
        Assert.False(page.Rows[1].Impersonated);
    }

    [Fact]
    public async Task Filters_ByAUserRemovedOrNot_ByAction_AndByDates_AndTheAgencyLogSeesEveryAccount()
    {
        var s = await SetupAsync();
        var scope = AuditScope.OfAccount(s.Account.Id);

        var removed = await RunAsync(l => l.FindUsersAsync(scope, "rita", 10));
        var ofRemoved = await RunAsync(l => l.ListAsync(scope, Window with { UserIds = [s.Removed.Id] }));
        var bySupport = await RunAsync(l => l.ListAsync(scope, Window with { UserIds = [s.Support.Id] }));
        var suspensions = await RunAsync(l => l.ListAsync(scope, Window with { Action = AuditActions.MembershipSuspended }));
        var secondDay = await RunAsync(l => l.ListAsync(scope, new AuditQuery(From: new DateOnly(2026, 10, 2), To: new DateOnly(2026, 10, 2))));
        var agency = await RunAsync(l => l.ListAsync(AuditScope.OfAgency(s.Agency.Id), Window));

        Assert.Equal((s.Removed.Id, true), (Assert.Single(removed).Id, removed[0].Archived));
        Assert.Equal(["two"], ofRemoved.Rows.Select(r => r.Details));
        Assert.Equal(["three, as the agent"], bySupport.Rows.Select(r => r.Details));
        Assert.Equal(["one"], suspensions.Rows.Select(r => r.Details));
        Assert.Equal(["two"], secondDay.Rows.Select(r => r.Details));
        Assert.Equal(["elsewhere", "three, as the agent", "two", "one"], agency.Rows.Select(r => r.Details));
        Assert.Empty(await RunAsync(l => l.FindUsersAsync(AuditScope.OfAccount(s.Other.Id), "rita", 10)));
        Assert.Equal([s.Removed.Id], (await RunAsync(l => l.FindUsersAsync(scope, s.Removed.Email!.ToUpperInvariant(), 10))).Select(u => u.Id));
        Assert.Empty(await RunAsync(l => l.FindUsersAsync(AuditScope.OfAccount(s.Other.Id), s.Removed.Email!, 10)));
    }

    [Fact]
    public async Task AFewUsers_PageThroughTheirEvents_NewestFirst_EachOnce_WhicheverWayTheyTookPart()
    {
        var s = await SetupAsync();
        var scope = AuditScope.OfAccount(s.Account.Id);
        // The agent acted and was acted on, support impersonated, the removed user was acted on; the owner's event in
        // the other account is not this log's.
        var query = Window with { UserIds = [s.Agent.Id, s.Support.Id, s.Removed.Id, s.Owner.Id], PageSize = 2 };

        var first = await RunAsync(l => l.ListAsync(scope, query));
        var second = await RunAsync(l => l.ListAsync(scope, query with { AfterAt = first.Rows[^1].OccurredAt, AfterId = first.Rows[^1].Id }));
        var single = await RunAsync(l => l.ListAsync(scope, query with { PageSize = 1 }));

        Assert.Equal(["three, as the agent", "two"], first.Rows.Select(r => r.Details));
        Assert.True(first.HasMore);
        Assert.Equal(["one"], second.Rows.Select(r => r.Details));
        Assert.False(second.HasMore);
        Assert.Equal(["three, as the agent"], single.Rows.Select(r => r.Details));
    }

    [Fact]
    public async Task AUserWithManyEventsElsewhere_PagesThroughTheirEventsHere_AsOneWithFewDoes()
    {
        var s = await SetupAsync();
        // More events than the log reads one by one: on SQLite it walks the account's events in time order instead.
        await fixture.WithDataAsync(async data =>
        {
            var day = new DateTime(2026, 10, 10, 0, 0, 0, DateTimeKind.Utc);
            data.Db.AuditEvents.AddRange(Enumerable.Range(0, AuditLog.FewEvents).Select(i => new AuditEvent(
                day.AddMinutes(i), AuditActions.UserUpdated, s.Agent.Id, null, s.Agency.Id, s.Other.Id, s.Agent.Id, "elsewhere", null)));
            return await data.Db.SaveChangesAsync();
        });
        var scope = AuditScope.OfAccount(s.Account.Id);
        var query = Window with { UserIds = [s.Agent.Id], PageSize = 1 };

        var first = await RunAsync(l => l.ListAsync(scope, query));
        var second = await RunAsync(l => l.ListAsync(scope, query with { AfterAt = first.Rows[0].OccurredAt, AfterId = first.Rows[0].Id }));
        var both = await RunAsync(l => l.ListAsync(scope, query with { UserIds = [s.Agent.Id, s.Removed.Id], PageSize = 50 }));

        Assert.Equal(["three, as the agent"], first.Rows.Select(r => r.Details));
        Assert.True(first.HasMore);
        Assert.Equal(["one"], second.Rows.Select(r => r.Details));
        Assert.False(second.HasMore);
        Assert.Equal(["three, as the agent", "two", "one"], both.Rows.Select(r => r.Details));
    }

    [Theory]
    [InlineData("ita rem")]
    [InlineData("RITA")]
    [InlineData("moved")]
    [InlineData("ta")]
    public async Task AUser_IsFoundByAnyPartOfTheirNameOrEmail_WhateverTheCase(string part)
    {
        var s = await SetupAsync();

        var inAccount = await RunAsync(l => l.FindUsersAsync(AuditScope.OfAccount(s.Account.Id), part, 10));
        var inAgency = await RunAsync(l => l.FindUsersAsync(AuditScope.OfAgency(s.Agency.Id), part, 10));
        var byEmail = await RunAsync(l => l.FindUsersAsync(AuditScope.OfAgency(s.Agency.Id), s.Agent.Email![..^6], 10));

        Assert.Contains(s.Removed.Id, inAccount.Select(u => u.Id));
        Assert.Contains(s.Removed.Id, inAgency.Select(u => u.Id));
        Assert.Equal([s.Agent.Id], byEmail.Select(u => u.Id));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\"")]
    [InlineData("rita\" OR \"abe")]
    [InlineData("a NEAR b*")]
    [InlineData("'; DROP TABLE x; --")]
    public async Task SearchText_IsMatchedLiterally_AndNeverFails(string text)
    {
        var s = await SetupAsync();

        Assert.Empty(await RunAsync(l => l.FindUsersAsync(AuditScope.OfAccount(s.Account.Id), text, 10)));
        Assert.Empty(await RunAsync(l => l.FindUsersAsync(AuditScope.OfAgency(s.Agency.Id), text, 10)));
    }

    [Fact]
    public async Task Pages_FollowOnFromTheLastRow_WithoutRepeatsOrGaps()
    {
        var s = await SetupAsync();
        var scope = AuditScope.OfAgency(s.Agency.Id);

        var first = await RunAsync(l => l.ListAsync(scope, Window with { PageSize = 3 }));
        var second = await RunAsync(l => l.ListAsync(scope, Window with { PageSize = 3, AfterAt = first.Rows[^1].OccurredAt, AfterId = first.Rows[^1].Id }));

        Assert.True(first.HasMore);
        Assert.False(second.HasMore);
        Assert.Equal(["one"], second.Rows.Select(r => r.Details));
    }

    [Fact]
    public async Task TheCsv_HasEveryEventTheFilterSelects_AndTheExportIsAnEventToo()
    {
        var s = await SetupAsync();
        using var writer = new StringWriter();

        await RunAsync(async l =>
        {
            await l.WriteCsvAsync(AuditScope.OfAccount(s.Account.Id), Window, writer);
            return 0;
        });
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var exported = await RunAsync(l => l.ListAsync(AuditScope.OfAccount(s.Account.Id), new AuditQuery(Action: AuditActions.AuditExported)));

        Assert.Equal(4, lines.Length);
        Assert.StartsWith("\"Time (UTC)\",\"Action\",\"Done as\",\"Done by (impersonating)\"", lines[0]);
        Assert.Contains("\"Abe Agent\",\"Sam Support\"", lines[1]);
        Assert.Single(exported.Rows);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class AuditLogSqliteTests(SqliteCore fixture) : AuditLogTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class AuditLogPostgresTests(PostgresCore fixture) : AuditLogTests(fixture);
