using AccountAdmin.Core;
using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.E2E.Infrastructure;

/// <summary>Makes a journey's own users through Core, in the running portal's database, so journeys never share rows.</summary>
public static class PortalData
{
    public const string Password = "Journey-Pass-2026!";

    public static async Task<AppUser> MemberAsync(PortalServer server, string accountName, AccountRole role, string first, string last)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = server.Database.ConnectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAccountAdminCore(configuration);
        services.AddIdentityCore<AppUser>(ServiceCollectionExtensions.ConfigureIdentity).AddEntityFrameworkStores<AccountAdminDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
        var provisioning = scope.ServiceProvider.GetRequiredService<ProvisioningService>();
        var account = db.Accounts.Single(a => a.Name == accountName);
        var email = $"{first}.{last}.{Guid.NewGuid():N}"[..40].ToLowerInvariant() + "@journey.test";
        var user = await provisioning.EnsureUserAsync(email, first, last, Password, account.Id);
        await provisioning.EnsureMembershipAsync(account, user, role);
        return user;
    }
}
