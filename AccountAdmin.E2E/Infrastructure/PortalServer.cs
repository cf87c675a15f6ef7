using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AccountAdmin.Core.Data;
using AccountAdmin.Tests.Infrastructure;

namespace AccountAdmin.E2E.Infrastructure;

/// <summary>
/// The portal as a user runs it: its own process on Kestrel, in Development with the demo data,
/// over a database of its own (a SQLite file or a new PostgreSQL database), or over another server's database.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly string folder;
    private readonly TestDatabase? ownDatabase;

    private PortalServer(Process process, string baseUrl, TestDatabase database, bool ownsDatabase, string folder)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Database = database;
        ownDatabase = ownsDatabase ? database : null;
        this.folder = folder;
    }

    public string BaseUrl { get; }

    public TestDatabase Database { get; }

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

    /// <summary>The entries logged as errors or worse, each with its indented lines.</summary>
    public IReadOnlyList<string> Failures =>
        Regex.Matches(Log, @"^(fail|crit): .*(\n[ \t]+.*)*", RegexOptions.Multiline).Select(m => m.Value).ToList();

    /// <summary>Starts the portal on a new database of <paramref name="provider"/>, which it migrates and seeds.</summary>
    public static async Task<PortalServer> StartAsync(DatabaseProvider provider, IDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider, migrate: false);
        try
        {
            return await StartAsync(database, ownsDatabase: true, settings);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts another instance of the portal on <paramref name="database"/>, which outlives it.</summary>
    public static Task<PortalServer> StartAsync(TestDatabase database, IDictionary<string, string>? settings = null) =>
        StartAsync(database, ownsDatabase: false, settings);

    private static async Task<PortalServer> StartAsync(TestDatabase database, bool ownsDatabase, IDictionary<string, string>? settings)
    {
        var root = RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("accountadmin-e2e-").FullName;
        var port = Ports.Free();
        // Listening on the IPv4 loopback, reached by name: WebAuthn refuses an IP address as the site's name, so passkeys
        // need "localhost" in the browser's address bar.
        var baseUrl = $"http://localhost:{port}";

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AccountAdmin.Web.dll"));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.Combine(root, "AccountAdmin.Web"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["Database__ConnectionString"] = database.Options.ConnectionString;
        start.Environment["DataProtection__KeysFolder"] = Path.Combine(folder, "keys");
        start.Environment["Portal__PublicUrl"] = baseUrl;
        start.Environment["RateLimits__SignInPerMinute"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The portal did not start.");
        var server = new PortalServer(process, baseUrl, database, ownsDatabase, folder);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilUpAsync();
        return server;
    }

    public AccountAdminDbContext NewContext() => Database.NewContext();

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
        if (ownDatabase is not null)
        {
            await ownDatabase.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
    }
}
