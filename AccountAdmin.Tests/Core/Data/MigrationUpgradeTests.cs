using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Data;

/// <summary>
/// A database made by the migrations written by hand (kept here, in HandWrittenMigrations, exactly as main had them)
/// upgrades in place to the migrations EF's tools generate: every row stays, the schema becomes what a fresh database
/// gets, and from then on only the generated migrations are in its history.
/// </summary>
public sealed class MigrationUpgradeTests
{
    /// <summary>The context as main built it: the hand-written migrations, found in this assembly.</summary>
    private static AccountAdminDbContext HandWrittenContext(TestDatabase database)
    {
        var assembly = typeof(MigrationUpgradeTests).Assembly.GetName().Name;
        var options = new DbContextOptionsBuilder<AccountAdminDbContext>()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(database.Options.ConnectionString, npgsql => npgsql.MigrationsAssembly(assembly));
        }
        else
        {
            options.UseSqlite(database.Options.ConnectionString, sqlite => sqlite.MigrationsAssembly(assembly));
        }

        return new AccountAdminDbContext(options.Options);
    }

    /// <summary>Each table the database has (but EF's history), with its columns.</summary>
    private static async Task<SortedDictionary<string, List<string>>> ColumnsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = await db.Database.SqlQueryRaw<string>(database.Provider == DatabaseProvider.Sqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%'"
            : "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_EF%'").ToListAsync();
        var columns = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE 1 = 0";
            await using var reader = await command.ExecuteReaderAsync();
            columns[table] = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        }

        return columns;
    }

    /// <summary>Every row of the tables, in the columns given, as text, in a stable order.</summary>
    private static async Task<SortedDictionary<string, List<string>>> RowsAsync(TestDatabase database, IReadOnlyDictionary<string, List<string>> columns)
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var rows = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (table, names) in columns)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", names.Select(n => $"\"{n}\""))} FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i =>
                    reader.IsDBNull(i) ? "null" : reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            lines.Sort(StringComparer.Ordinal);
            rows[table] = lines;
        }

        return rows;
    }

    /// <summary>
    /// Today's demo data, made by today's code in a database of today's schema, copied into the hand-written schema's
    /// tables and columns: so the test keeps working as the model grows beyond what the hand-written migrations made.
    /// </summary>
    private static async Task CopyDemoDataAsync(TestDatabase legacy, IReadOnlyDictionary<string, List<string>> columns)
    {
        await using var source = await TestDatabase.CreateAsync(legacy.Provider);
        await using (var services = CoreFixture.BuildServices(source))
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
        }

        await using var from = source.NewContext();
        await using var to = legacy.NewContext();
        var reading = from.Database.GetDbConnection();
        var writing = to.Database.GetDbConnection();
        await reading.OpenAsync();
        await writing.OpenAsync();
        await to.Database.ExecuteSqlRawAsync(legacy.Provider == DatabaseProvider.Sqlite
            ? "PRAGMA foreign_keys = OFF"
            : "SET session_replication_role = replica");
        await using var transaction = await writing.BeginTransactionAsync();
        foreach (var (table, names) in columns)
        {
            var list = string.Join(", ", names.Select(n => $"\"{n}\""));
            await using var select = reading.CreateCommand();
            select.CommandText = $"SELECT {list} FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                await using var insert = writing.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO \"{table}\" ({list}) VALUES ({string.Join(", ", names.Select((_, i) => $"@p{i}"))})";
                for (var i = 0; i < names.Count; i++)
                {
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = $"@p{i}";
                    parameter.Value = reader.GetValue(i);
                    insert.Parameters.Add(parameter);
                }

                await insert.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ADatabaseOfTheHandWrittenMigrations_UpgradesInPlace_KeepingEveryRowAndItsSchema(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var legacy = HandWrittenContext(database))
        {
            await legacy.Database.MigrateAsync();
        }

        var columns = await ColumnsAsync(database);
        await CopyDemoDataAsync(database, columns);
        var rows = await RowsAsync(database, columns);

        await using (var db = database.NewContext())
        {
            await DatabaseSetup.MigrateAsync(db);
        }

        await using var upgraded = database.NewContext();
        Assert.Equal(upgraded.Database.GetMigrations(), await upgraded.Database.GetAppliedMigrationsAsync());
        Assert.DoesNotContain(DatabaseSetup.HandWritten[^1], await upgraded.Database.GetAppliedMigrationsAsync());
        Assert.True(rows[nameof(AccountAdminDbContext.Memberships)].Count > 10);
        await using var fresh = await TestDatabase.CreateAsync(provider);
        Assert.Equal(rows, await RowsAsync(database, columns));
        Assert.Equal(await MigrationSchemaTests.DescribeAsync(fresh), await MigrationSchemaTests.DescribeAsync(database));
        Assert.True(await upgraded.Users.AnyAsync(u => u.Email == "owner@northwind.test"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ADatabaseStoppedPartWayThroughThem_IsRefused_NamingWhereItStands_AndLeftAsItWas(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var legacy = HandWrittenContext(database))
        {
            await legacy.GetService<IMigrator>().MigrateAsync("20261201040000_UserSessions");
        }

        await using var db = database.NewContext();
        var before = await db.Database.GetAppliedMigrationsAsync();

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseSetup.MigrateAsync(db));

        Assert.Contains("20261201040000_UserSessions", refusal.Message);
        Assert.Equal(before, await db.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task GroupsAndSchedulesNamedAlikeButForCase_BothSurviveTheUniqueNameMigrations_TheLaterWithItsIdAfterItsName(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var (first, second) = (Guid.Parse("10000000-0000-0000-0000-000000000001"), Guid.Parse("20000000-0000-0000-0000-000000000002"));
        var account = Guid.NewGuid();
        await using (var db = database.NewContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_GroupNormalizedNames", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            var (agency, now) = (Guid.NewGuid(), DateTime.UtcNow);
            await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "Agencies" ("Id", "CreatedAt", "Name", "TwoFactorRequirement") VALUES ({agency}, {now}, 'Agency', 0)""");
            await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "Accounts" ("Id", "AgencyId", "CreatedAt", "Name", "TwoFactorRequirement") VALUES ({account}, {agency}, {now}, 'Account', 0)""");
            await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "AccessControlGroups" ("Id", "AccountId", "Name") VALUES ({first}, {account}, 'Sales'), ({second}, {account}, 'sales')""");
            await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "Schedules" ("Id", "AccountId", "Name", "TimeZoneId", "WeeklyHours") VALUES ({first}, {account}, 'Days', 'UTC', ''), ({second}, {account}, 'DAYS', 'UTC', '')""");
        }

        await using (var db = database.NewContext())
        {
            await DatabaseSetup.MigrateAsync(db);
        }

        await using var upgraded = database.NewContext();
        Assert.Equal(
            [("SALES", "Sales"), ("SALES (20000000)", "sales (20000000)")],
            (await upgraded.AccessControlGroups.OrderBy(g => g.Id).Select(g => new { g.NormalizedName, g.Name }).ToListAsync()).Select(g => (g.NormalizedName, g.Name)));
        Assert.Equal(
            ["Days", "DAYS (20000000)"],
            await upgraded.Schedules.OrderBy(g => g.Id).Select(g => g.Name).ToListAsync());
    }
}
