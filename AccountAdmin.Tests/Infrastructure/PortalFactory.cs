using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>The whole portal in memory over one test database, with real antiforgery, cookies and Identity.</summary>
public sealed class PortalFactory(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private readonly string keysFolder = Path.Combine(Path.GetTempPath(), $"accountadmin-keys-{Guid.NewGuid():N}");

    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Options.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.Options.ConnectionString);
        builder.UseSetting("Portal:RequireHttps", "false");
        builder.UseSetting("Portal:SeedDemoData", "false");
        builder.UseSetting("DataProtection:KeysFolder", keysFolder);
        builder.UseSetting("Email:DeliverInBackground", "false");
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // Hashing as in production costs 100 ms a password; the tests sign in hundreds of times.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            services.AddSingleton(CommandCounter.Interceptor);
            services.AddSingleton(CommandCounter.RequestCounting);
        });
    }

    public Browser NewBrowser() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(keysFolder))
        {
            Directory.Delete(keysFolder, recursive: true);
        }
    }
}
