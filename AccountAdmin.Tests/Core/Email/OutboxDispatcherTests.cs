using System.Collections.Concurrent;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AccountAdmin.Tests.Core.Email;

public abstract class OutboxDispatcherTests(CoreFixture fixture)
{
    /// <summary>Stands in for the mail server's side of an outage: refuses the first sends it is asked to make.</summary>
    private sealed class FlakySender(int failures) : IEmailSender
    {
        private int remaining = failures;

        public ConcurrentBag<Guid> Sent { get; } = [];

        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (Interlocked.Decrement(ref remaining) >= 0)
            {
                throw new IOException("451 try again later");
            }

            Sent.Add(message.Id);
        }
    }

    private OutboxDispatcher Dispatcher(IEmailSender sender, TimeProvider clock, EmailOptions? options = null) =>
        new(fixture.Scopes, sender, options ?? new EmailOptions { Parallelism = 2 }, clock, NullLogger<OutboxDispatcher>.Instance);

    /// <summary>
    /// Enqueues messages due at <paramref name="at"/>; what other tests in this database left unsent is set aside first,
    /// or a batch of the dispatcher's would be theirs.
    /// </summary>
    private Task<List<Guid>> EnqueueAsync(int count, DateTime at) =>
        fixture.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountAdminDbContext>();
            await db.OutboxMessages.Where(m => m.SentAt == null).ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, at));
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var message = new OutboxMessage($"{TestData.Unique("to")}@test.example", "Subject", "Text", "<p>Html</p>", at);
                db.OutboxMessages.Add(message);
                ids.Add(message.Id);
            }

            await db.SaveChangesAsync();
            return ids;
        });

    private Task<List<OutboxMessage>> LoadAsync(IReadOnlyCollection<Guid> ids) =>
        fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => ids.Contains(m.Id)).ToListAsync());

    [Fact]
    public async Task DueMessages_AreSentOnce_AndMarkedSent()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ids = await EnqueueAsync(3, clock.GetUtcNow().UtcDateTime);
        var sender = new FlakySender(failures: 0);
        var dispatcher = Dispatcher(sender, clock);

        await dispatcher.DeliverDueAsync(CancellationToken.None);
        await dispatcher.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(ids.Order(), sender.Sent.Where(ids.Contains).Order());
        Assert.All(await LoadAsync(ids), m =>
        {
            Assert.NotNull(m.SentAt);
            Assert.Equal(1, m.Attempts);
        });
    }

    [Fact]
    public async Task FailedSend_IsRetriedAfterABackoff_NeverDropped()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ids = await EnqueueAsync(1, clock.GetUtcNow().UtcDateTime);
        var sender = new FlakySender(failures: 2);
        var dispatcher = Dispatcher(sender, clock);

        await dispatcher.DeliverDueAsync(CancellationToken.None);
        var afterFirst = (await LoadAsync(ids)).Single();
        Assert.Null(afterFirst.SentAt);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Contains("451", afterFirst.LastError);
        Assert.True(afterFirst.NextAttemptAt > clock.GetUtcNow().UtcDateTime);

        await dispatcher.DeliverDueAsync(CancellationToken.None);
        Assert.DoesNotContain(ids[0], sender.Sent);
        Assert.Equal(1, (await LoadAsync(ids)).Single().Attempts);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await dispatcher.DeliverDueAsync(CancellationToken.None);
        }

        var delivered = (await LoadAsync(ids)).Single();
        Assert.NotNull(delivered.SentAt);
        Assert.Equal(3, delivered.Attempts);
        Assert.Single(sender.Sent, ids[0]);
    }

    [Fact]
    public async Task TwoWorkersAtOnce_SendEachMessageExactlyOnce()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ids = await EnqueueAsync(40, clock.GetUtcNow().UtcDateTime);
        var sender = new FlakySender(failures: 0);
        var options = new EmailOptions { Parallelism = 4, BatchSize = 100 };

        await Task.WhenAll(
            Task.Run(() => Dispatcher(sender, clock, options).DeliverDueAsync(CancellationToken.None)),
            Task.Run(() => Dispatcher(sender, clock, options).DeliverDueAsync(CancellationToken.None)));

        var mine = sender.Sent.Where(ids.Contains).ToList();
        Assert.Equal(ids.Count, mine.Count);
        Assert.Equal(ids.Order(), mine.Order());
    }

    [Fact]
    public async Task MessageOfARolledBackChange_IsNeverSent()
    {
        var to = $"{TestData.Unique("rollback")}@test.example";
        await fixture.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountAdminDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            sp.GetRequiredService<EmailOutbox>().Enqueue(to, "Never", "Never", "<p>Never</p>");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });

        var stored = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().OutboxMessages.AnyAsync(m => m.To == to));

        Assert.False(stored);
    }

    [Fact]
    public async Task PickupDirectory_ReceivesTheMessage_WithBothBodies()
    {
        var folder = Directory.CreateTempSubdirectory("accountadmin-mail-").FullName;
        try
        {
            var sender = new MailKitEmailSender(new EmailOptions { PickupDirectory = folder });
            var message = new OutboxMessage("someone@test.example", "Welcome aboard", "Plain words", "<p>Rich words</p>", DateTime.UtcNow);

            await sender.SendAsync(message, CancellationToken.None);

            var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(folder, "*.eml")));
            Assert.Contains("To: someone@test.example", eml);
            Assert.Contains("Subject: Welcome aboard", eml);
            Assert.Contains("text/plain", eml);
            Assert.Contains("text/html", eml);
            Assert.Contains($"<{message.Id:N}@accountadmin>", eml);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class OutboxDispatcherSqliteTests(SqliteCore fixture) : OutboxDispatcherTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class OutboxDispatcherPostgresTests(PostgresCore fixture) : OutboxDispatcherTests(fixture);
