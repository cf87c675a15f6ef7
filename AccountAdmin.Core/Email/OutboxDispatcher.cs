using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountAdmin.Core.Email;

/// <summary>
/// Delivers due outbox messages. A batch is claimed in one conditional update that moves the messages' next
/// attempt to a lease end unique to this call, so two workers never send the same message; what the server
/// accepts is marked sent in small groups as sending goes on, and a failure schedules a retry with exponential
/// backoff. Nothing is dropped: a message whose worker dies is due again when its lease ends.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, IEmailSender sender, EmailOptions options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private const int MarkGroup = 25;

    /// <summary>Sends what is due now; returns how many messages were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        var sent = new List<Guid>();
        var marking = new SemaphoreSlim(1, 1);
        var total = 0;
        try
        {
            await Parallel.ForEachAsync(
                claimed,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
                async (message, token) =>
                {
                    if (!await SendAsync(message, token))
                    {
                        return;
                    }

                    List<Guid>? group = null;
                    await marking.WaitAsync(CancellationToken.None);
                    try
                    {
                        sent.Add(message.Id);
                        total++;
                        if (sent.Count >= MarkGroup)
                        {
                            group = [.. sent];
                            sent.Clear();
                        }

                        if (group is not null)
                        {
                            await MarkSentAsync(group);
                        }
                    }
                    finally
                    {
                        marking.Release();
                    }
                });
        }
        finally
        {
            // Also when sending stops half-way (shutdown, an error): what the server accepted is recorded, never sent again.
            if (sent.Count > 0)
            {
                await MarkSentAsync(sent);
            }
        }

        return total;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = db.OutboxMessages
            .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(options.BatchSize)
            .Select(m => m.Id);

        // The lease end doubles as this call's claim mark: whole seconds plus a random number of microseconds (what PostgreSQL keeps).
        var lease = now + options.ClaimLease;
        lease = new DateTime(lease.Ticks - lease.Ticks % TimeSpan.TicksPerSecond + Random.Shared.NextInt64(1, 1_000_000) * TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
        await db.OutboxMessages
            .Where(m => due.Contains(m.Id) && m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, lease), cancellationToken);

        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.NextAttemptAt == lease && m.SentAt == null)
            .ToListAsync(cancellationToken);
    }

    private async Task<bool> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(message, cancellationToken);
            return true;
        }
        catch (UndeliverableEmailException e)
        {
            logger.LogWarning(e, "E-mail {MessageId} to {To} can't be delivered; it is given up on.", message.Id, message.To);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
            db.OutboxMessages.Attach(message);
            message.MarkUndeliverable(e.Message, clock.GetUtcNow().UtcDateTime);
            var normalized = message.To.ToUpperInvariant();
            var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(CancellationToken.None);
            scope.ServiceProvider.GetRequiredService<AuditTrail>().Record(
                AuditActions.EmailUndeliverable, targetUserId: userId, details: $"“{message.Subject}” to {message.To}: {e.Message}");
            await db.SaveChangesAsync(CancellationToken.None);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Sending e-mail {MessageId} to {To} failed (attempt {Attempt}).", message.Id, message.To, message.Attempts + 1);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
            db.OutboxMessages.Attach(message);
            message.MarkFailed(e.Message, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
            return false;
        }
    }

    // Not the caller's token: messages the server accepted are recorded as sent even during shutdown.
    private async Task MarkSentAsync(IReadOnlyCollection<Guid> ids)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.OutboxMessages
            .Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(
                u => u.SetProperty(m => m.SentAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, (string?)null),
                CancellationToken.None);
    }
}
