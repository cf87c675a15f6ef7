using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>One portal and database per engine, shared by the tests of a collection; each test makes its own rows.</summary>
public abstract class PortalFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public PortalFactory Portal { get; private set; } = null!;

    public TestDatabase Database => Portal.Database;

    public DatabaseProvider Provider => provider;

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(provider);
        Portal = new PortalFactory(database);
        _ = Portal.Server;
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Portal.Database.DisposeAsync();
    }

    public Browser NewBrowser() => Portal.NewBrowser();

    /// <summary>A new browser, signed in as <paramref name="user"/> with the test password.</summary>
    public async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    /// <summary>Test data made through Core's own services, in a scope of the running portal.</summary>
    public async Task<T> WithDataAsync<T>(Func<TestData, Task<T>> build)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await build(new TestData(scope.ServiceProvider));
    }

    public async Task WithDataAsync(Func<TestData, Task> build)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        await build(new TestData(scope.ServiceProvider));
    }
}

public sealed class SqlitePortal() : PortalFixture(DatabaseProvider.Sqlite);

public sealed class PostgresPortal() : PortalFixture(DatabaseProvider.PostgreSql);

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqlitePortal>
{
    public const string Name = "SQLite portal";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresPortal>
{
    public const string Name = "PostgreSQL portal";
}
