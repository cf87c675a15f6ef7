using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.BulkAdd;

public abstract class BulkAddTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IBulkAdd, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IBulkAdd>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private sealed record Scene(Account Account, AppUser Owner, AppUser Admin, AppUser Agent, AppUser Elsewhere, AppUser Archived);

    /// <summary>An account with an Owner, an Administrator and an agent; a user of another account; a user removed from everything.</summary>
    private Task<Scene> SceneAsync() =>
        fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var other = await data.AccountAsync();
            var archived = await data.MemberAsync(other, AccountRole.CallAgent, "Arch", "Ived");
            await data.ArchiveAsync(archived);
            return new Scene(
                account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Administrator),
                await data.MemberAsync(account, AccountRole.CallAgent, "Al", "Ready"), await data.MemberAsync(other, AccountRole.Owner, "El", "Sewhere"),
                archived);
        });

    private static string NewEmail(string tag = "bulk") => $"{TestData.Unique(tag)}@test.example";

    private static BulkRequest Batch(string text, AccountRole role = AccountRole.CallAgent, bool invite = true) => new(Guid.NewGuid(), text, role, invite);

    private static string LinesFor(IEnumerable<string> emails) => string.Join('\n', emails.Select((e, i) => $"{e},New{i},Person{i}"));

    [Fact]
    public async Task Preview_ShowsEachLinesOutcome_AndTheTotals_AndChangesNothing()
    {
        var scene = await SceneAsync();
        var (fresh, usersBefore) = (NewEmail(), await QueryAsync(db => db.Users.CountAsync()));
        var text = string.Join('\n',
            "Email,First name,Last name",
            $"{fresh},Nia,New",
            $"{scene.Elsewhere.Email!.ToUpperInvariant()},El,Sewhere",
            $"{scene.Agent.Email},Al,Ready",
            $"{scene.Archived.Email},Arch,Ived",
            "not-an-email,Bad,Line",
            $"{fresh},Nia,Twice");

        var preview = await RunAsync(b => b.PreviewAsync(scene.Owner.Id, scene.Account.Id, text, AccountRole.CallAgent));

        Assert.True(preview.Result.Succeeded);
        Assert.Equal(
            [
                (2, BulkOutcome.NewUser),
                (3, BulkOutcome.GrantAccess),
                (4, BulkOutcome.AlreadyMember),
                (5, BulkOutcome.Invalid),
                (6, BulkOutcome.Invalid),
                (7, BulkOutcome.Invalid),
            ],
            preview.Lines.Select(l => (l.Line.Number, l.Outcome)));
        Assert.Equal("Already has access here as Call Agent.", preview.Lines[2].Reason);
        Assert.Contains("Restore them from Archived Users", preview.Lines[3].Reason);
        Assert.Equal("Duplicate of line 2: the same e-mail address is already in this batch.", preview.Lines[5].Reason);
        Assert.Equal((1, 1, 1, 3, 2), (preview.Count(BulkOutcome.NewUser), preview.Count(BulkOutcome.GrantAccess), preview.Count(BulkOutcome.AlreadyMember), preview.Count(BulkOutcome.Invalid), preview.ToApply));
        Assert.Equal(usersBefore, await QueryAsync(db => db.Users.CountAsync()));
        Assert.False(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.To == fresh)));
    }

    [Fact]
    public async Task Apply_AddsEveryValidLine_InvitesTheNew_TellsTheExisting_AndAuditsEachUserAndTheBatch()
    {
        var scene = await SceneAsync();
        var (ann, bo) = (NewEmail("ann"), NewEmail("bo"));
        var text = $"{ann},Ann,=HYPERLINK(\"http://evil\")\n{bo},Bo,Berg\n{scene.Elsewhere.Email},El,Sewhere\n{scene.Agent.Email},Al,Ready\nbad,Line,Here";

        var applied = await RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, Batch(text, AccountRole.ReportManager)));

        Assert.True(applied.Result.Succeeded);
        var created = await fixture.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return (await users.FindByEmailAsync(ann.ToUpperInvariant()))!;
        });
        Assert.Equal(("Ann", "=HYPERLINK(\"http://evil\")", scene.Account.Id), (created.FirstName, created.LastName, created.HomeAccountId));
        Assert.Null(created.PasswordHash);
        Assert.True(created.LockoutEnabled);
        var roles = await QueryAsync(db => db.Memberships.Where(m => m.AccountId == scene.Account.Id).ToDictionaryAsync(m => m.UserId, m => m.Role));
        Assert.Equal(AccountRole.ReportManager, roles[created.Id]);
        Assert.Equal(AccountRole.ReportManager, roles[scene.Elsewhere.Id]);
        Assert.Equal(AccountRole.CallAgent, roles[scene.Agent.Id]);

        var mail = await QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.To == ann || m.To == bo || m.To == scene.Elsewhere.Email || m.To == scene.Agent.Email).ToListAsync());
        Assert.Equal([ann, bo, scene.Elsewhere.Email], mail.Select(m => m.To).Order());
        Assert.Contains(" gave you access to ", mail.Single(m => m.To == scene.Elsewhere.Email).Subject);
        var token = TestData.TokenIn(mail.Single(m => m.To == ann).TextBody, "/invitation/");
        Assert.Equal(CommandStatus.Done, (await fixture.RunAsync(sp => sp.GetRequiredService<IInvitationService>().SetPasswordAsync(token, TestData.Password))).Status);
        Assert.True(await fixture.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.CheckPasswordAsync((await users.FindByIdAsync(created.Id.ToString()))!, TestData.Password);
        }));

        var events = await QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.AccountId == scene.Account.Id && e.ActorUserId == scene.Owner.Id).ToListAsync());
        Assert.Equal(2, events.Count(e => e.Action == AuditActions.UserCreated));
        Assert.Equal(scene.Elsewhere.Id, events.Single(e => e.Action == AuditActions.MembershipGranted).TargetUserId);
        Assert.Equal("5 lines as Report Manager: 2 new users, 1 given access, 1 already members, 1 not added; invitations sent",
            events.Single(e => e.Action == AuditActions.BulkAdded).Details);

        var summary = (await RunAsync(b => b.SummaryAsync(scene.Owner.Id, scene.Account.Id, applied.ImportId!.Value, 100)))!;
        Assert.Equal(new BulkImportCounts(5, 2, 1, 1, 1), summary.Import.Counts);
        Assert.Equal([ann, bo, scene.Elsewhere.Email], summary.Users.Select(u => u.Email).Order());
        Assert.Equal((5, "bad,Line,Here"), (Assert.Single(summary.Rejected).Number, summary.Rejected[0].Text));
        Assert.Equal($"{scene.Owner.FirstName} {scene.Owner.LastName}", summary.AppliedBy);
    }

    [Fact]
    public async Task TheSameBatchAgain_ChangesNothingMore()
    {
        var scene = await SceneAsync();
        var batch = Batch(LinesFor([NewEmail(), NewEmail(), scene.Elsewhere.Email!]));

        var first = await RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, batch));
        var (users, mails, events) = await QueryAsync(async db => (await db.Users.CountAsync(), await db.OutboxMessages.CountAsync(), await db.AuditEvents.CountAsync()));
        var again = await RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, batch));
        var resubmitted = await RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, batch with { BatchId = Guid.NewGuid() }));

        Assert.Equal((true, false), (first.Result.Succeeded, first.AlreadyApplied));
        Assert.Equal((true, true, first.ImportId), (again.Result.Succeeded, again.AlreadyApplied, again.ImportId));
        Assert.Equal(new BulkImportCounts(3, 0, 0, 3, 0), (await RunAsync(b => b.SummaryAsync(scene.Owner.Id, scene.Account.Id, resubmitted.ImportId!.Value, 10)))!.Import.Counts);
        Assert.Equal((users, mails), await QueryAsync(async db => (await db.Users.CountAsync(), await db.OutboxMessages.CountAsync())));
        Assert.Equal(events + 1, await QueryAsync(db => db.AuditEvents.CountAsync()));
    }

    [Fact]
    public async Task TheSameBatch_SubmittedTwiceAtOnce_IsAppliedOnce()
    {
        var scene = await SceneAsync();
        var emails = Enumerable.Range(0, 20).Select(_ => NewEmail()).ToList();
        var batch = Batch(LinesFor(emails));

        var results = await Task.WhenAll(
            RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, batch)),
            RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, batch)));

        Assert.All(results, r => Assert.True(r.Result.Succeeded));
        Assert.Equal(1, await QueryAsync(db => db.BulkImports.CountAsync(i => i.Id == batch.BatchId)));
        Assert.Equal(20, await QueryAsync(db => db.Users.CountAsync(u => emails.Contains(u.Email!))));
        Assert.Equal(20, await QueryAsync(db => db.OutboxMessages.CountAsync(m => emails.Contains(m.To))));
    }

    [Fact]
    public async Task NotYet_HoldsTheInvitationsBack_UntilTheSummarySendsThem_Once()
    {
        var scene = await SceneAsync();
        var (ann, bo) = (NewEmail(), NewEmail());
        var applied = await RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, Batch(LinesFor([ann, bo, scene.Elsewhere.Email!]), invite: false)));

        Assert.False(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.To == ann || m.To == bo)));
        Assert.True(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.To == scene.Elsewhere.Email)));
        var importId = applied.ImportId!.Value;
        Assert.Equal(2, (await RunAsync(b => b.SummaryAsync(scene.Owner.Id, scene.Account.Id, importId, 10)))!.InvitationsPending);
        Assert.False(await QueryAsync(db => db.Users.AnyAsync(u => (u.Email == ann || u.Email == bo) && u.InvitationSentAt != null)));

        Assert.Equal(CommandStatus.Forbidden, (await RunAsync(b => b.SendInvitationsAsync(scene.Agent.Id, scene.Account.Id, importId))).Status);
        Assert.Equal(CommandStatus.Done, (await RunAsync(b => b.SendInvitationsAsync(scene.Admin.Id, scene.Account.Id, importId))).Status);
        Assert.Equal([BulkAddErrors.InvitationsAlreadySent], (await RunAsync(b => b.SendInvitationsAsync(scene.Owner.Id, scene.Account.Id, importId))).Errors);

        var mail = await QueryAsync(db => db.OutboxMessages.Where(m => m.To == ann || m.To == bo).ToListAsync());
        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.Contains("/invitation/", m.TextBody));
        Assert.Equal(0, (await RunAsync(b => b.SummaryAsync(scene.Owner.Id, scene.Account.Id, importId, 10)))!.InvitationsPending);
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.InvitationsSent && e.ActorUserId == scene.Admin.Id)));
        Assert.Equal(2, await QueryAsync(db => db.Users.CountAsync(u => (u.Email == ann || u.Email == bo) && u.InvitationSentAt != null)));
    }

    [Fact]
    public async Task AUserRemovedFromThisAccount_GetsAccessAgain_WithTheBatchRole()
    {
        var scene = await SceneAsync();
        var removed = await fixture.WithDataAsync(async data =>
        {
            var user = await data.MemberAsync(scene.Account, AccountRole.CallManager);
            await data.GrantAsync(await data.AccountAsync(), user, AccountRole.CallAgent);
            return user;
        });
        Assert.Equal(CommandStatus.Done, (await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(scene.Owner.Id, scene.Account.Id, removed.Id))).Status);

        var preview = await RunAsync(b => b.PreviewAsync(scene.Owner.Id, scene.Account.Id, LinesFor([removed.Email!]), AccountRole.CallAgent));
        await RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, Batch(LinesFor([removed.Email!]))));

        Assert.Equal(BulkOutcome.GrantAccess, Assert.Single(preview.Lines).Outcome);
        var membership = await QueryAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.AccountId == scene.Account.Id && m.UserId == removed.Id));
        Assert.Equal((null, MembershipStatus.Active, AccountRole.CallAgent, scene.Owner.Id), (membership.EndedAt, membership.Status, membership.Role, membership.GrantedById));
        Assert.Equal(removed.EmailKey, membership.EmailKey);
    }

    [Fact]
    public async Task TheNumberOfCommands_DoesNotGrowWithTheNumberOfLines()
    {
        var scene = await SceneAsync();
        var existing = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            var users = new List<AppUser>();
            for (var i = 0; i < 10; i++)
            {
                users.Add(await data.MemberAsync(other, AccountRole.CallAgent));
            }

            return users.Select(u => u.Email!).ToList();
        });

        async Task<(int Preview, int Apply)> CommandsFor(int newUsers, int existingUsers)
        {
            var text = LinesFor(Enumerable.Range(0, newUsers).Select(_ => NewEmail()).Concat(existing.Take(existingUsers)).Append("bad line"));
            var (_, preview) = await CommandCounter.CountAsync(() => RunAsync(b => b.PreviewAsync(scene.Owner.Id, scene.Account.Id, text, AccountRole.CallAgent)));
            var (applied, apply) = await CommandCounter.CountAsync(() => RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, Batch(text))));
            Assert.True(applied.Result.Succeeded);
            return (preview, apply);
        }

        var few = await CommandsFor(newUsers: 3, existingUsers: 2);
        var many = await CommandsFor(newUsers: 300, existingUsers: 8);

        Assert.Equal(few, many);
        Assert.InRange(few.Apply, 5, 20);
    }

    [Fact]
    public async Task AFailureHalfway_ChangesNothing()
    {
        var scene = await SceneAsync();
        var emails = Enumerable.Range(0, 600).Select(_ => NewEmail()).ToList();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Done >= 250)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, Batch(LinesFor(emails)), progress, cancel.Token)));

        Assert.False(await QueryAsync(db => db.Users.AnyAsync(u => emails.Contains(u.Email!))));
        Assert.False(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => emails.Contains(m.To))));
        Assert.False(await QueryAsync(db => db.BulkImports.AnyAsync(i => i.AccountId == scene.Account.Id)));
    }

    [Fact]
    public async Task Refusals_ChangeNothing()
    {
        var scene = await SceneAsync();
        var email = NewEmail();
        var text = LinesFor([email]);
        var applied = await RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, Batch(LinesFor([NewEmail()]))));

        Assert.Equal(CommandStatus.Forbidden, (await RunAsync(b => b.PreviewAsync(scene.Agent.Id, scene.Account.Id, text, AccountRole.CallAgent))).Result.Status);
        Assert.Equal(CommandStatus.Forbidden, (await RunAsync(b => b.ApplyAsync(scene.Agent.Id, scene.Account.Id, Batch(text)))).Result.Status);
        Assert.Equal(CommandStatus.Forbidden, (await RunAsync(b => b.ApplyAsync(scene.Elsewhere.Id, scene.Account.Id, Batch(text)))).Result.Status);
        Assert.Equal([UserErrors.RoleNotGrantable], (await RunAsync(b => b.ApplyAsync(scene.Admin.Id, scene.Account.Id, Batch(text, AccountRole.Owner)))).Result.Errors);
        Assert.Equal([UserErrors.RoleNotGrantable], (await RunAsync(b => b.PreviewAsync(scene.Admin.Id, scene.Account.Id, text, AccountRole.Owner))).Result.Errors);
        Assert.Equal([BulkAddErrors.NothingToAdd], (await RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, Batch("nope,A,B\nx@,C,D")))).Result.Errors);
        Assert.Equal([BulkAddErrors.Empty], (await RunAsync(b => b.ApplyAsync(scene.Owner.Id, scene.Account.Id, Batch("  ")))).Result.Errors);

        var otherOwner = await fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner));
        var otherAccount = await QueryAsync(db => db.Memberships.Where(m => m.UserId == otherOwner.Id).Select(m => m.AccountId).SingleAsync());
        var replayed = await RunAsync(b => b.ApplyAsync(otherOwner.Id, otherAccount, Batch(text) with { BatchId = applied.ImportId!.Value }));
        Assert.Equal([BulkAddErrors.BatchUsed], replayed.Result.Errors);
        Assert.Null(await RunAsync(b => b.SummaryAsync(otherOwner.Id, otherAccount, applied.ImportId!.Value, 10)));
        Assert.Null(await RunAsync(b => b.SummaryAsync(scene.Agent.Id, scene.Account.Id, applied.ImportId!.Value, 10)));
        Assert.Equal(CommandStatus.NotFound, (await RunAsync(b => b.SendInvitationsAsync(otherOwner.Id, otherAccount, applied.ImportId!.Value))).Status);

        Assert.False(await QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    private sealed class SynchronousProgress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => report(value);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class BulkAddSqliteTests(SqliteCore fixture) : BulkAddTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class BulkAddPostgresTests(PostgresCore fixture) : BulkAddTests(fixture);
