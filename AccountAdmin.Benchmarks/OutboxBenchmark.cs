using System.Diagnostics;
using System.Text.Json;
using AccountAdmin.Core;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Hosting;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Queues messages in the outbox, then times the dispatcher delivering them, counted where they arrive: maildev's HTTP API
/// says how many messages it has received, so the clock stops when the SMTP server has all of them, whatever the outbox's
/// rows say. Fewer or more messages than were queued (a loss, a duplicate) fail the run.
/// </summary>
internal static class OutboxBenchmark
{
    public static async Task<int> RunAsync(string file, string smtpHost, int smtpPort, string maildevUrl, int count)
    {
        using var maildev = new HttpClient { BaseAddress = new Uri(maildevUrl.TrimEnd('/') + "/") };
        (await maildev.DeleteAsync("api/email/all")).EnsureSuccessStatusCode();
        if (await ReceivedAsync(maildev) != 0)
        {
            return Fail($"maildev at {maildevUrl} still holds messages after being emptied");
        }

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
        var limit = TimeSpan.FromMinutes(5);
        var clock = Stopwatch.StartNew();
        var delivering = Task.Run(async () =>
        {
            var marked = 0;
            while (marked < count && clock.Elapsed < limit)
            {
                marked += await dispatcher.DeliverDueAsync(CancellationToken.None);
            }
        });

        var received = 0;
        var elapsed = TimeSpan.Zero;
        TimeSpan? delivered = null;
        while (received < count && (delivered is null || clock.Elapsed - delivered < TimeSpan.FromSeconds(10)))
        {
            await Task.Delay(50);
            received = await ReceivedAsync(maildev);
            elapsed = clock.Elapsed;
            delivered ??= delivering.IsCompleted ? elapsed : null;
        }

        await delivering;
        // A message sent twice would arrive after the count was reached: give stragglers a moment, then count again.
        await Task.Delay(TimeSpan.FromSeconds(2));
        received = await ReceivedAsync(maildev);
        int sentRows;
        await using (var scope = provider.CreateAsyncScope())
        {
            sentRows = await scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>().OutboxMessages.CountAsync(m => m.SentAt != null);
        }

        Console.WriteLine(
            $"| outbox → SMTP ({count:N0} messages, counted at maildev) | {received / elapsed.TotalSeconds:N0} e-mails/s | {elapsed.TotalSeconds:F1} s | {received:N0} received |");
        if (received != count)
        {
            return Fail($"maildev received {received:N0} messages of the {count:N0} queued ({sentRows:N0} rows marked sent)");
        }

        // The receiver's own ceiling: the same number of small messages from the least a client can do.
        (await maildev.DeleteAsync("api/email/all")).EnsureSuccessStatusCode();
        var ceiling = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (connection, token) =>
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(smtpHost, smtpPort, token);
            await using var stream = tcp.GetStream();
            using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
            await using var writer = new StreamWriter(stream, System.Text.Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            async Task SayAsync(string line, char expect)
            {
                await writer.WriteLineAsync(line);
                string? reply;
                do
                {
                    reply = await reader.ReadLineAsync(token) ?? throw new IOException("The server closed the connection.");
                }
                while (reply.Length > 3 && reply[3] == '-');
                if (reply[0] != expect)
                {
                    throw new IOException($"The server answered {reply} to {line.Split(' ')[0]}.");
                }
            }

            await reader.ReadLineAsync(token);
            await SayAsync("EHLO bench.test", '2');
            for (var i = connection; i < count; i += 16)
            {
                await SayAsync("MAIL FROM:<no-reply@accountadmin.test>", '2');
                await SayAsync($"RCPT TO:<raw{i}@bench.test>", '2');
                await SayAsync("DATA", '3');
                await SayAsync($"Subject: Raw message {i}\r\nMessage-ID: <raw{i}@bench.test>\r\n\r\nPlain body {i}\r\n.", '2');
            }

            await SayAsync("QUIT", '2');
        });
        var rawReceived = 0;
        while (rawReceived < count && ceiling.Elapsed < limit)
        {
            rawReceived = await ReceivedAsync(maildev);
            if (rawReceived < count)
            {
                await Task.Delay(50);
            }
        }

        Console.WriteLine(
            $"| maildev's own ceiling: a bare SMTP client, 16 connections ({count:N0} messages) | {rawReceived / ceiling.Elapsed.TotalSeconds:N0} e-mails/s | {ceiling.Elapsed.TotalSeconds:F1} s | {rawReceived:N0} received |");
        return 0;
    }

    private static async Task<int> ReceivedAsync(HttpClient maildev)
    {
        using var summary = JsonDocument.Parse(await maildev.GetStringAsync("api/email/summary?limit=1"));
        return summary.RootElement.GetProperty("storeTotal").GetInt32();
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"outbox: {message}");
        return 1;
    }
}
