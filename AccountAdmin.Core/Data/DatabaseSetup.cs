using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Data;

public static class DatabaseSetup
{
    /// <summary>Creates the SQLite file's folder if need be, then applies every pending migration.</summary>
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

        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // Readers no longer wait for a writer; the setting stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
