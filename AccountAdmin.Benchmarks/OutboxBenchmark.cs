using System.Diagnostics;
using AccountAdmin.Core;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Hosting;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Queues messages in the outbox, then times the dispatcher delivering all of them over SMTP.</summary>
internal static class OutboxBenchmark
{
    public static async Task<int> RunAsync(string file, string smtpHost, int smtpPort, int count)
    {
        File.Delete(file);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={file}",
            ["Email:SmtpHost"] = smtpHost,
            ["Email:SmtpPort"] = smtpPort.ToString(),
            ["Email:BatchSize"] = "500",
            ["Email:Parallelism"] = "64",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAccountAdminCore(configuration);
        await using var provider = services.BuildServiceProvider();

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
            await DatabaseSetup.MigrateAsync(db);
            for (var i = 0; i < count; i++)
            {
                db.OutboxMessages.Add(new OutboxMessage(
                    $"recipient{i}@bench.test", $"Benchmark message {i}", $"Plain body {i}", $"<p>Html body {i}</p>", DateTime.UtcNow));
            }

            await db.SaveChangesAsync();
        }

        var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (sent < count && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            sent += await dispatcher.DeliverDueAsync(CancellationToken.None);
        }

        clock.Stop();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
            var delivered = await db.OutboxMessages.CountAsync(m => m.SentAt != null);
            Console.WriteLine($"| outbox → SMTP ({count:N0} messages) | {delivered / clock.Elapsed.TotalSeconds:N0} e-mails/s | {clock.Elapsed.TotalSeconds:F1} s | {delivered:N0} delivered |");
            return delivered == count ? 0 : 1;
        }
    }
}
