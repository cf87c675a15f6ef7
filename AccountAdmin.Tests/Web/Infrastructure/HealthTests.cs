using System.Net;
using AccountAdmin.Core.Data;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace AccountAdmin.Tests.Web.Infrastructure;

/// <summary>What a load balancer asks: is the process alive, and is it ready (database there, every migration applied)?</summary>
public sealed class HealthTests
{
    private static HttpClient Client(PortalFactory portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task AMigratedPortal_IsLiveAndReady_ToAnyone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var portal = new PortalFactory(database);
        using var client = Client(portal);

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APendingMigration_WithMigrateOnStartupOff_MakesItUnready_AndSaysWhich()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        await using var portal = new PortalFactory(database, new Dictionary<string, string> { ["Database:MigrateOnStartup"] = "false" });
        using var client = Client(portal);

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Pending migrations:", await ready.Content.ReadAsStringAsync());
        Assert.Contains("_Initial", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task ADatabaseAwayAtStart_GivesA503Page_ThenThePortalComesUpByItself_WhenItIsBack()
    {
        var admin = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)
            ?? throw new InvalidOperationException($"This test needs {TestDatabase.PostgresVariable}.");
        // A role that doesn't exist yet stands for a server that can't be reached: every attempt fails until it does.
        var name = $"accountadmin_late_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name, Username = name, Password = "late", Pooling = false }.ConnectionString;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        await using var portal = new PortalFactory(database, new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = connection,
        });
        using var client = Client(portal);
        try
        {
            using var page = await client.GetAsync("/login");
            using var notReady = await client.GetAsync("/health/ready");
            using var live = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("can't reach its database just now", await page.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

            await using (var server = new NpgsqlConnection(admin))
            {
                await server.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE ROLE \"{name}\" LOGIN PASSWORD 'late' CREATEDB", server);
                await create.ExecuteNonQueryAsync();
            }

            var answer = HttpStatusCode.ServiceUnavailable;
            for (var tries = 0; tries < 60 && answer != HttpStatusCode.OK; tries++)
            {
                await Task.Delay(500);
                using var again = await client.GetAsync("/login");
                answer = again.StatusCode;
            }

            Assert.Equal(HttpStatusCode.OK, answer);
            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(admin);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); DROP ROLE IF EXISTS \"{name}\"", server);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
