using AccountAdmin.Core.Data;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Data;

[Collection(SqliteCoreCollection.Name)]
public sealed class SqliteMemoryMapTests(SqliteCore fixture)
{
    [Fact]
    public async Task EveryConnectionOfTheContext_MapsTheFile_AsConfigured()
    {
        var sizes = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            sizes.Add(await fixture.RunAsync(async sp =>
            {
                var db = sp.GetRequiredService<AccountAdminDbContext>();
                await db.Database.OpenConnectionAsync();
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA mmap_size";
                return (long)(await command.ExecuteScalarAsync())!;
            }));
        }

        Assert.All(sizes, size => Assert.Equal(new DatabaseOptions().SqliteMemoryMapMegabytes * 1024L * 1024L, size));
    }

    [Fact]
    public void TheSetting_IsRefusedOutsideWhatSqliteMaps()
    {
        Assert.Empty(Validate(new DatabaseOptions { SqliteMemoryMapMegabytes = 0 }));
        Assert.Single(Validate(new DatabaseOptions { SqliteMemoryMapMegabytes = 2_048 }));
        Assert.Single(Validate(new DatabaseOptions { SqliteMemoryMapMegabytes = -1 }));
    }

    private static List<System.ComponentModel.DataAnnotations.ValidationResult> Validate(DatabaseOptions options)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
