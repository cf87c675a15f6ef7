using AccountAdmin.Core.Data;
using AccountAdmin.Core.Hosting;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>Core's services over a real database of one engine, without the web host.</summary>
public abstract class CoreFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private ServiceProvider services = null!;

    public TestDatabase Database { get; private set; } = null!;

    public DatabaseProvider Provider => provider;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        services = BuildServices(Database, Configure);
    }

    /// <summary>Core's services and Identity's stores over <paramref name="database"/>, as the portal has them.</summary>
    public static ServiceProvider BuildServices(TestDatabase database, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = database.Provider.ToString(),
                ["Database:ConnectionString"] = database.Options.ConnectionString,
            })
            .Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddAccountAdminCore(configuration);
        collection.AddSingleton(CommandCounter.Interceptor);
        collection.AddDataProtection();
        collection.AddIdentityCore<AppUser>(ServiceCollectionExtensions.ConfigureIdentity)
            .AddEntityFrameworkStores<AccountAdminDbContext>()
            .AddDefaultTokenProviders();
        configure?.Invoke(collection);
        collection.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        return collection.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>A fixture's own changes to the services, after Core's.</summary>
    protected virtual void Configure(IServiceCollection collection)
    {
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }

    public AsyncServiceScope NewScope() => services.CreateAsyncScope();

    public IServiceScopeFactory Scopes => services.GetRequiredService<IServiceScopeFactory>();

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = NewScope();
        return await action(scope.ServiceProvider);
    }

    public async Task<T> WithDataAsync<T>(Func<TestData, Task<T>> build) =>
        await RunAsync(sp => build(new TestData(sp)));
}

public sealed class SqliteCore() : CoreFixture(DatabaseProvider.Sqlite);

public sealed class PostgresCore() : CoreFixture(DatabaseProvider.PostgreSql);

[CollectionDefinition(Name)]
public sealed class SqliteCoreCollection : ICollectionFixture<SqliteCore>
{
    public const string Name = "SQLite core";
}

[CollectionDefinition(Name)]
public sealed class PostgresCoreCollection : ICollectionFixture<PostgresCore>
{
    public const string Name = "PostgreSQL core";
}
