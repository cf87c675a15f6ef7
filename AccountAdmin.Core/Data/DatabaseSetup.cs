using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace AccountAdmin.Core.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// The migrations written by hand before EF's tools could be restored, oldest first. A database they built holds
    /// exactly the schema of the first generated migration (both equal the model's create script, which
    /// MigrationSchemaTests proved of them on both engines), so it is adopted rather than migrated.
    /// </summary>
    internal static readonly string[] HandWritten =
    [
        "20261122120000_Initial",
        "20261122150000_UserSettings",
        "20261122190000_BulkImports",
        "20261122230000_Impersonations",
        "20261201040000_UserSessions",
        "20261201041000_SignInThrottles",
        "20261201042000_UndeliverableEmail",
    ];

    public static string MigrationsAssembly(DatabaseProvider provider) =>
        provider == DatabaseProvider.PostgreSql ? "AccountAdmin.Migrations.PostgreSql" : "AccountAdmin.Migrations.Sqlite";

    /// <summary>Creates the SQLite file's folder if need be, adopts a database of the hand-written migrations, then applies every pending migration.</summary>
    public static async Task MigrateAsync(AccountAdminDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        // EF logs a read of a missing history table as an error, and Npgsql finds out whether it exists by reading it
        // (dotnet/efcore#37328): made first, whatever is there, a new database's first start leaves a clean log.
        if (await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        }

        await AdoptHandWrittenAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // Readers no longer wait for a writer; the setting stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// A database at the last hand-written migration gets the first generated one's history row in place of theirs, in
    /// one transaction, without a change to its tables or rows. One stopped part-way through them is refused, naming
    /// where it stands: its schema is older than any generated migration knows.
    /// </summary>
    private static async Task AdoptHandWrittenAsync(AccountAdminDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToList();
        var handWritten = applied.Where(HandWritten.Contains).ToList();
        if (handWritten.Count == 0)
        {
            return;
        }

        if (!applied.Contains(HandWritten[^1]))
        {
            throw new InvalidOperationException(
                $"This database stopped at migration {handWritten.Order().Last()}, which this version can't upgrade from. "
                + $"Run the version whose last migration is {HandWritten[^1]} against it first, then this one.");
        }

        var first = db.Database.GetMigrations().First();
        var version = typeof(DbContext).Assembly.GetName().Version!.ToString(3);
        var script = string.Concat(handWritten.Select(history.GetDeleteScript))
            + (applied.Contains(first) ? "" : history.GetInsertScript(new HistoryRow(first, version)));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(script, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
