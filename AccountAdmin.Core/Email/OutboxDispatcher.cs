using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountAdmin.Core.Email;

/// <summary>
/// Delivers due outbox messages. A message is first claimed (its next attempt moved a lease ahead, on the
/// condition that nobody moved it meanwhile), so that two workers never send it both; it is marked sent as
/// soon as the server accepts it, and a failure schedules a retry with exponential backoff. Nothing is dropped.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, IEmailSender sender, EmailOptions options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Sends what is due now; returns how many messages were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        var sent = 0;
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (message, token) =>
            {
                if (await DeliverAsync(message, token))
                {
                    Interlocked.Increment(ref sent);
                }
            });
        return sent;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages
            .AsNoTracking()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .Take(options.BatchSize)
            .Select(m => new { m.Id, m.NextAttemptAt })
            .ToListAsync(cancellationToken);

        var leaseEnd = now + options.ClaimLease;
        var claimed = new List<Guid>();
        foreach (var candidate in due)
        {
            var rows = await db.OutboxMessages
                .Where(m => m.Id == candidate.Id && m.SentAt == null && m.NextAttemptAt == candidate.NextAttemptAt)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, leaseEnd), cancellationToken);
            if (rows == 1)
            {
                claimed.Add(candidate.Id);
            }
        }

        return claimed.Count == 0
            ? []
            : await db.OutboxMessages.AsNoTracking().Where(m => claimed.Contains(m.Id)).ToListAsync(cancellationToken);
    }

    private async Task<bool> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e.Message;
            logger.LogWarning(e, "Sending e-mail {MessageId} to {To} failed (attempt {Attempt}).", message.Id, message.To, message.Attempts + 1);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
        db.OutboxMessages.Attach(message);
        if (error is null)
        {
            message.MarkSent(clock.GetUtcNow().UtcDateTime);
        }
        else
        {
            message.MarkFailed(error, clock.GetUtcNow().UtcDateTime);
        }

        // Not the caller's token: a message the server accepted is recorded as sent even during shutdown.
        await db.SaveChangesAsync(CancellationToken.None);
        return error is null;
    }
}
