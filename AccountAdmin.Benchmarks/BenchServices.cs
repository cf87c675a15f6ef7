using AccountAdmin.Core;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Hosting;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

internal static class BenchServices
{
    /// <summary>
    /// Core and Identity's stores over a SQLite file, as the portal has them: a new file unless <paramref name="fresh"/> is
    /// false (one a running portal has made); <paramref name="interceptor"/> joins every context.
    /// </summary>
    public static ServiceProvider Over(string file, IInterceptor? interceptor = null, bool fresh = true)
    {
        if (fresh)
        {
            File.Delete(file);
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={file}" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddAccountAdminCore(configuration);
        if (interceptor is not null)
        {
            services.AddSingleton(interceptor);
        }

        services.AddIdentityCore<AppUser>(ServiceCollectionExtensions.ConfigureIdentity)
            .AddEntityFrameworkStores<AccountAdminDbContext>()
            .AddDefaultTokenProviders();
        return services.BuildServiceProvider();
    }
}
