using AccountAdmin.Core.Data;
using AccountAdmin.Core.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AccountAdmin.Migrations.PostgreSql;

/// <summary>What `dotnet ef` builds the context with for this project's migrations; it never connects.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AccountAdminDbContext>
{
    public AccountAdminDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AccountAdminDbContext>();
        options.UseDatabase(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=localhost;Database=design_time" });
        return new AccountAdminDbContext(options.Options);
    }
}
