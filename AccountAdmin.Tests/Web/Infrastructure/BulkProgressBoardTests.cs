using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Data;
using AccountAdmin.Tests.Infrastructure;
using AccountAdmin.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Infrastructure;

/// <summary>A running Bulk Add's progress, as two instances' boards see it: shared through PostgreSQL, one instance's on SQLite.</summary>
public sealed class BulkProgressBoardTests
{
    [Theory]
    [InlineData(DatabaseProvider.PostgreSql, true)]
    [InlineData(DatabaseProvider.Sqlite, false)]
    public async Task ABatchsProgress_IsReadByWhicheverInstanceIsAsked_ByItsUserOnly_UntilItFinishes(DatabaseProvider provider, bool shared)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreFixture.BuildServices(database);
        BulkProgressBoard Board() => new(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<DatabaseOptions>(), TimeProvider.System);
        var (running, asked) = (Board(), Board());
        var (batch, user) = (Guid.NewGuid(), Guid.NewGuid());

        running.Track(batch, user).Report(new BulkProgress(500, 2_000));

        Assert.Equal(new BulkProgress(500, 2_000), running.Get(batch, user));
        Assert.Equal(shared ? new BulkProgress(500, 2_000) : null, asked.Get(batch, user));
        Assert.Null(asked.Get(batch, Guid.NewGuid()));
        running.Finish(batch);
        Assert.Null(asked.Get(batch, user));
        Assert.Null(running.Get(batch, user));
    }
}
