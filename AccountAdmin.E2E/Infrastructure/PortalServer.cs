using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.E2E.Infrastructure;

/// <summary>
/// The portal as a user runs it: its own process on Kestrel, in Development with the demo data,
/// over a SQLite file of its own.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly string folder;

    private PortalServer(Process process, string baseUrl, DatabaseOptions database, string folder)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Database = database;
        this.folder = folder;
    }

    public string BaseUrl { get; }

    public DatabaseOptions Database { get; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<PortalServer> StartAsync(IDictionary<string, string>? settings = null)
    {
        var root = RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("accountadmin-e2e-").FullName;
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var database = new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(folder, "portal.db")}" };

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AccountAdmin.Web.dll"));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.Combine(root, "AccountAdmin.Web"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["DataProtection__KeysFolder"] = Path.Combine(folder, "keys");
        start.Environment["Portal__PublicUrl"] = baseUrl;
        start.Environment["RateLimits__SignInPerMinute"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The portal did not start.");
        var server = new PortalServer(process, baseUrl, database, folder);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilUpAsync();
        return server;
    }

    public AccountAdminDbContext NewContext() =>
        new((DbContextOptions<AccountAdminDbContext>)new DbContextOptionsBuilder<AccountAdminDbContext>().UseDatabase(Database).Options);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private async Task WaitUntilUpAsync()
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await client.GetAsync(BaseUrl + "/login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The portal did not answer at {BaseUrl} within 90 s:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
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

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
