using AccountAdmin.Core.Data;
using AccountAdmin.Core.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AccountAdmin.Migrations.Sqlite;

/// <summary>What `dotnet ef` builds the context with for this project's migrations; it never opens the file.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AccountAdminDbContext>
{
    public AccountAdminDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AccountAdminDbContext>();
        options.UseDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" });
        return new AccountAdminDbContext(options.Options);
    }
}
