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

/// <summary>A message whose worker died while sending it is sent by the next worker once the claim runs out.</summary>
public abstract class OutboxCrashRecoveryTests(CoreFixture fixture)
{
    // EmailOptions.ClaimLease's default: a crashed worker's mail goes out minutes later, not days.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>A worker whose process ends mid-send: the message is claimed, the server never answers, nothing is recorded.</summary>
    private sealed class DyingSender(CancellationTokenSource process) : IEmailSender
    {
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            process.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingSender : IEmailSender
    {
        public ConcurrentBag<Guid> Sent { get; } = [];

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message.Id);
            return Task.CompletedTask;
        }
    }

    private OutboxDispatcher Dispatcher(IEmailSender sender, TimeProvider clock) =>
        new(fixture.Scopes, sender, new EmailOptions { Parallelism = 2 }, clock, NullLogger<OutboxDispatcher>.Instance);

    private Task<OutboxMessage> LoadAsync(Guid id) =>
        fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task MessageOfADeadWorker_WhenItsClaimRunsOut_IsSentOnce()
    {
        // Earlier than any other test's messages, so this one is the only one due on this clock.
        var clock = new FakeTimeProvider(new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero));
        var claimedAt = clock.GetUtcNow();
        var id = await fixture.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountAdminDbContext>();
            var message = new OutboxMessage($"{TestData.Unique("crash")}@test.example", "Subject", "Text", "<p>Html</p>", claimedAt.UtcDateTime);
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        using var process = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher(new DyingSender(process), clock).DeliverDueAsync(process.Token));
        var held = await LoadAsync(id);
        Assert.Null(held.SentAt);
        Assert.True(held.NextAttemptAt > claimedAt.UtcDateTime);
        var sender = new RecordingSender();
        var next = Dispatcher(sender, clock);

        clock.SetUtcNow(claimedAt + Lease - TimeSpan.FromTicks(1));
        await next.DeliverDueAsync(CancellationToken.None);
        Assert.DoesNotContain(id, sender.Sent);

        // The claim ends within a second after the lease: its mark is the lease end plus up to a second of microseconds.
        clock.SetUtcNow(claimedAt + Lease + TimeSpan.FromSeconds(1));
        await next.DeliverDueAsync(CancellationToken.None);
        await next.DeliverDueAsync(CancellationToken.None);
        Assert.Single(sender.Sent, id);
        Assert.NotNull((await LoadAsync(id)).SentAt);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class OutboxCrashRecoverySqliteTests(SqliteCore fixture) : OutboxCrashRecoveryTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class OutboxCrashRecoveryPostgresTests(PostgresCore fixture) : OutboxCrashRecoveryTests(fixture);
