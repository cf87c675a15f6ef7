using System.Diagnostics;
using System.Text.Json;

namespace AccountAdmin.E2E.Infrastructure;

public sealed record CaughtEmail(string Id, string Subject, IReadOnlyList<string> To, string Text, string Html);

/// <summary>maildev from npm: a real SMTP server on loopback, read back through its HTTP API.</summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http;

    private MailCatcher(Process process, int smtpPort, int webPort)
    {
        this.process = process;
        SmtpPort = smtpPort;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public int SmtpPort { get; }

    public static async Task<MailCatcher> StartAsync()
    {
        var maildev = Path.Combine(PortalServer.RepositoryRoot(), "AccountAdmin.E2E", "node_modules", ".bin", "maildev");
        if (!File.Exists(maildev))
        {
            throw new InvalidOperationException($"maildev is not installed at {maildev}: run scripts/ensure-tools.sh (scripts/test.sh does).");
        }

        var smtp = Ports.Free();
        var web = Ports.Free();
        var start = new ProcessStartInfo(maildev) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--smtp", smtp.ToString(), "--web", web.ToString(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("maildev did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var catcher = new MailCatcher(process, smtp, web);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await catcher.AllAsync();
                return catcher;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    public async Task<IReadOnlyList<CaughtEmail>> AllAsync()
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("api/email"));
        return document.RootElement.EnumerateArray().Select(e => new CaughtEmail(
            e.GetProperty("id").GetString()!,
            e.GetProperty("subject").GetString() ?? "",
            e.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString()!).ToList(),
            e.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "",
            e.TryGetProperty("html", out var html) ? html.GetString() ?? "" : "")).ToList();
    }

    /// <summary>The messages sent to <paramref name="to"/>, once at least <paramref name="count"/> have arrived.</summary>
    public Task<IReadOnlyList<CaughtEmail>> WaitForAsync(string to, int count = 1, int seconds = 20) =>
        WaitForAsync(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase), count, seconds, $"to {to}");

    /// <summary>The messages that match, once at least <paramref name="count"/> have arrived.</summary>
    public async Task<IReadOnlyList<CaughtEmail>> WaitForAsync(Func<CaughtEmail, bool> match, int count, int seconds, string what = "that match")
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var mine = (await AllAsync()).Where(match).ToList();
            if (mine.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(mine.Count >= count, $"expected {count} e-mail(s) {what} within {seconds} s, got {mine.Count}");
                return mine;
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
