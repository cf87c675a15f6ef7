using AccountAdmin.Core.Email;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>Delivers the e-mail outbox in the background, for as long as the portal runs.</summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, EmailOptions options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await dispatcher.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly away; the messages wait in the outbox.
                logger.LogError(e, "The e-mail outbox could not be read.");
            }

            if (sent < options.BatchSize)
            {
                try
                {
                    await Task.Delay(options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
