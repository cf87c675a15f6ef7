using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AccountAdmin.Tests.Core.Authorization;

/// <summary>
/// Who is acting in one scope, as the host would say it: the user, the impersonator behind them and the account an
/// impersonation is kept to. The generated-world test sets it before each command.
/// </summary>
public sealed class TestActor : IActorContext
{
    public Guid? UserId { get; private set; }

    public Guid? ImpersonatorUserId { get; private set; }

    public Guid? ConfinedToAccountId { get; private set; }

    public Guid? SessionId => null;

    public string? ClientIp => "192.0.2.1";

    public void Become(WorldActor actor)
    {
        UserId = actor.UserId;
        ImpersonatorUserId = actor.ImpersonatorId;
        ConfinedToAccountId = actor.ConfinedTo;
    }
}

/// <summary>Core over a database of its own, with the actor of each scope set by the test instead of the system.</summary>
public abstract class GeneratedWorldFixture(DatabaseProvider provider) : CoreFixture(provider)
{
    protected override void Configure(IServiceCollection collection)
    {
        collection.AddScoped<TestActor>();
        collection.Replace(ServiceDescriptor.Scoped<IActorContext>(sp => sp.GetRequiredService<TestActor>()));
    }
}

public sealed class GeneratedWorldSqlite() : GeneratedWorldFixture(DatabaseProvider.Sqlite);

public sealed class GeneratedWorldPostgres() : GeneratedWorldFixture(DatabaseProvider.PostgreSql);

[CollectionDefinition(Name)]
public sealed class GeneratedWorldSqliteCollection : ICollectionFixture<GeneratedWorldSqlite>
{
    public const string Name = "Generated world, SQLite";
}

[CollectionDefinition(Name)]
public sealed class GeneratedWorldPostgresCollection : ICollectionFixture<GeneratedWorldPostgres>
{
    public const string Name = "Generated world, PostgreSQL";
}
