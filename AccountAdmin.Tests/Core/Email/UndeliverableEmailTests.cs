using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Support;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AccountAdmin.Tests.Core.Email;

/// <summary>A message whose address can never receive it is given up on, audited, and listed for support staff; nothing else is.</summary>
public abstract class UndeliverableEmailTests(CoreFixture fixture)
{
    /// <summary>The mail server's answer to an address it has no mailbox for, for one address; everything else goes through.</summary>
    private sealed class RefusingSender(string refused) : IEmailSender
    {
        public List<Guid> Sent { get; } = [];

        public int Tries { get; private set; }

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                if (message.To == refused)
                {
                    Tries++;
                    throw new UndeliverableEmailException($"The mail server refused “{message.To}”: 550 no such mailbox");
                }

                Sent.Add(message.Id);
            }

            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task AnAddressTheServerRefusesForGood_IsGivenUpOn_Audited_AndShownToSupport_WhileOthersAreSent()
    {
        // A clock of its own, far from other tests' messages, so that only this test's are due.
        var clock = new FakeTimeProvider(new DateTimeOffset(2003, 3, 3, 0, 0, 0, TimeSpan.Zero));
        var (user, refusedId, fineId) = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync("bounce");
            var refused = new OutboxMessage(user.Email!, "Set your password", "Text", "<p>Html</p>", clock.GetUtcNow().UtcDateTime);
            var fine = new OutboxMessage($"{TestData.Unique("fine")}@test.example", "Welcome", "Text", "<p>Html</p>", clock.GetUtcNow().UtcDateTime);
            data.Db.OutboxMessages.AddRange(refused, fine);
            await data.Db.SaveChangesAsync();
            return (user, refused.Id, fine.Id);
        });
        var sender = new RefusingSender(user.Email!);
        var dispatcher = new OutboxDispatcher(fixture.Scopes, sender, new EmailOptions { Parallelism = 1 }, clock, NullLogger<OutboxDispatcher>.Instance);

        await dispatcher.DeliverDueAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(3));
        await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal([fineId], sender.Sent);
        Assert.Equal(1, sender.Tries);
        var refused = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == refusedId));
        Assert.NotNull(refused.FailedAt);
        Assert.Null(refused.SentAt);
        Assert.Contains("550", refused.LastError);
        Assert.True(await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().AuditEvents
            .AnyAsync(e => e.Action == AuditActions.EmailUndeliverable && e.TargetUserId == user.Id)));
        var listed = Assert.Single(
            await fixture.RunAsync(sp => sp.GetRequiredService<ISupportDesk>().UndeliverableAsync(1000)), m => m.Id == refusedId);
        Assert.Equal((user.Email, user.Id, "Set your password"), (listed.To, listed.UserId, listed.Subject));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class UndeliverableEmailSqliteTests(SqliteCore fixture) : UndeliverableEmailTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class UndeliverableEmailPostgresTests(PostgresCore fixture) : UndeliverableEmailTests(fixture);
