using AccountAdmin.Core.Data;
using AccountAdmin.Core.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>A fresh database of its own for one fixture: a temporary SQLite file, or a new PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ACCOUNTADMIN_TEST_POSTGRES";

    private readonly string? sqliteFile;
    private readonly string? postgresAdmin;
    private readonly string? postgresName;

    private TestDatabase(DatabaseOptions options, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Options = options;
        this.sqliteFile = sqliteFile;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"accountadmin-test-{Guid.NewGuid():N}.db");
            database = new TestDatabase(
                new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={file}" }, file, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new InvalidOperationException(
                    $"The PostgreSQL tests need {PostgresVariable} (a connection string to a server they may create databases on). scripts/test.sh starts one and sets it.");
            var name = $"accountadmin_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(
                new DatabaseOptions { Provider = provider, ConnectionString = builder.ConnectionString }, null, admin, name);
        }

        if (migrate)
        {
            await using var db = database.NewContext();
            await DatabaseSetup.MigrateAsync(db);
        }

        return database;
    }

    public AccountAdminDbContext NewContext() =>
        new((DbContextOptions<AccountAdminDbContext>)new DbContextOptionsBuilder<AccountAdminDbContext>().UseDatabase(Options).Options);

    public async ValueTask DisposeAsync()
    {
        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
