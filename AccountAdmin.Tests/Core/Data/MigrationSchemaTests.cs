using System.Data.Common;
using AccountAdmin.Core.Data;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Core.Data;

/// <summary>
/// The hand-written migrations must build exactly the schema the model describes: a migrated database is
/// compared, column by column, index by index, with one made from the model's own create script.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrations_BuildTheSchemaOfTheModel(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider, migrate: true);
        await using var created = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var db = created.NewContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await DescribeAsync(created);
        var actual = await DescribeAsync(migrated);

        Assert.NotEmpty(expected);
        Assert.Contains(expected, line => line.Contains("Memberships") && line.Contains("NameKey"));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Migrations_LeaveNothingPending(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    private static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sql = database.Provider == DatabaseProvider.Sqlite
            ? """
              SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk || ' default=' || IFNULL(c.dflt_value, '')
              FROM sqlite_master m JOIN pragma_table_info(m.name) c
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND substr(m.name, 1, 4) <> '__EF'
              UNION ALL
              SELECT 'index ' || m.tbl_name || ' ' || REPLACE(m.sql, 'IF NOT EXISTS ', '')
              FROM sqlite_master m WHERE m.type = 'index' AND m.sql IS NOT NULL AND substr(m.tbl_name, 1, 4) <> '__EF'
              UNION ALL
              SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' ' || f.on_delete
              FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND substr(m.name, 1, 4) <> '__EF'
              """
            : """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || COALESCE(character_maximum_length::text, '')
                  || ' nullable=' || is_nullable || ' collation=' || COALESCE(collation_name, '') || ' default=' || COALESCE(column_default, '')
              FROM information_schema.columns WHERE table_schema = 'public' AND left(table_name, 4) <> '__EF'
              UNION ALL
              SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND left(tablename, 4) <> '__EF'
              UNION ALL
              SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
              FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '"\_\_EF%'
              """;
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
