using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace AccountAdmin.Tests.Infrastructure;

public sealed record ReceivedEmail(string Subject, IReadOnlyList<string> To, string Text)
{
    public string Html { get; init; } = "";
    public string MessageId { get; init; } = "";
    public string From { get; init; } = "";
}

/// <summary>
/// maildev, the SMTP server the E2E suite sends to (installed from npm into AccountAdmin.E2E by scripts/ensure-tools.sh,
/// which scripts/test.sh runs): a real server on loopback ports of its own, read back through its HTTP API.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient api;

    private MailDevServer(Process process, int smtpPort, int webPort)
    {
        this.process = process;
        SmtpPort = smtpPort;
        api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public int SmtpPort { get; }

    public static async Task<MailDevServer> StartAsync()
    {
        var maildev = Path.Combine(RepositoryRoot(), "AccountAdmin.E2E", "node_modules", ".bin", "maildev");
        if (!File.Exists(maildev))
        {
            throw new InvalidOperationException($"maildev is not installed at {maildev}: run scripts/ensure-tools.sh (scripts/test.sh does).");
        }

        var (smtp, web) = (FreePort(), FreePort());
        var start = new ProcessStartInfo(maildev) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--smtp", $"{smtp}", "--web", $"{web}", "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("maildev did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MailDevServer(process, smtp, web);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await server.AllAsync();
                return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    public async Task<IReadOnlyList<ReceivedEmail>> AllAsync()
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync("api/email"));
        return document.RootElement.EnumerateArray().Select(e => new ReceivedEmail(
            e.GetProperty("subject").GetString() ?? "",
            e.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString()!).ToList(),
            e.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "")
        {
            Html = e.TryGetProperty("html", out var html) ? html.GetString() ?? "" : "",
            MessageId = e.TryGetProperty("headers", out var headers) && headers.TryGetProperty("message-id", out var id) ? id.GetString() ?? "" : "",
            From = e.TryGetProperty("from", out var from) && from.GetArrayLength() > 0
                ? $"{from[0].GetProperty("name").GetString()} <{from[0].GetProperty("address").GetString()}>"
                : "",
        }).ToList();
    }

    /// <summary>The messages the server has received for <paramref name="to"/>, once there is one, or none after <paramref name="seconds"/>.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(string to, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var mine = (await AllAsync()).Where(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase)).ToList();
            if (mine.Count > 0 || DateTime.UtcNow > deadline)
            {
                return mine;
            }

            await Task.Delay(200);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccountAdmin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AccountAdmin.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
