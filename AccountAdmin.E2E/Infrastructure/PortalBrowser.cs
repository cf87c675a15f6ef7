using AccountAdmin.Core.Data;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Infrastructure;

/// <summary>
/// One portal process on one database engine and one Chromium for the journeys; each demo user signs in once,
/// and later contexts reuse that storage state. Every journey runs once on each engine.
/// </summary>
public abstract class PortalBrowser(DatabaseProvider provider) : IAsyncLifetime
{
    public const string DemoPassword = "Demo-Pass-2026!";

    private readonly Dictionary<string, string> signedIn = [];
    private IPlaywright playwright = null!;

    public PortalServer Server { get; private set; } = null!;

    public MailCatcher Mail { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public DatabaseProvider Provider { get; } = provider;

    public string Artifacts { get; } = Path.Combine(PortalServer.RepositoryRoot(), ".artifacts", "e2e", provider.ToString().ToLowerInvariant());

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Artifacts);
        Mail = await MailCatcher.StartAsync();
        Server = await PortalServer.StartAsync(Provider, new Dictionary<string, string>
        {
            ["Email__PickupDirectory"] = "",
            ["Email__SmtpHost"] = "127.0.0.1",
            ["Email__SmtpPort"] = Mail.SmtpPort.ToString(),
        });
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(playwright);
    }

    /// <summary>Debian's Chromium (Playwright can't download its own here), headless.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });

    /// <summary>A fresh browser context (its own cookies); signed in as <paramref name="email"/> when given.</summary>
    public async Task<IPage> NewPageAsync(string? email = null, int width = 1366, int height = 900, string? timeZone = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timeZone,
        };
        if (email is not null && signedIn.TryGetValue(email, out var state))
        {
            options.StorageStatePath = state;
        }

        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        if (email is not null && !signedIn.ContainsKey(email))
        {
            await new PageObjects.LoginPage(page).SignInAsync(email, DemoPassword);

            // Support staff are led to set up two-factor sign-in first; once set up, this stored session carries on.
            if (page.Url.EndsWith("/profile/two-factor", StringComparison.Ordinal))
            {
                await new PageObjects.TwoFactorSetupPage(page).TurnOnAsync();
            }

            var path = Path.Combine(Artifacts, $"state-{email}.json");
            await context.StorageStateAsync(new BrowserContextStorageStateOptions { Path = path });
            signedIn[email] = path;
        }

        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await Server.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

public sealed class SqlitePortal() : PortalBrowser(DatabaseProvider.Sqlite);

public sealed class PostgreSqlPortal() : PortalBrowser(DatabaseProvider.PostgreSql);

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqlitePortal>
{
    public const string Name = "Portal in Chromium on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlPortal>
{
    public const string Name = "Portal in Chromium on PostgreSQL";
}
