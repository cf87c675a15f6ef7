using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Hosting;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.E2E.Infrastructure;

/// <summary>Makes a journey's own users and accounts through Core, in the running portal's database, so journeys never share rows.</summary>
public static class PortalData
{
    public const string Password = "Journey-Pass-2026!";

    public static Task<AppUser> MemberAsync(PortalServer server, string accountName, AccountRole role, string first, string last) =>
        WithCoreAsync(server, async (db, provisioning) =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Name == accountName);
            var email = $"{first}.{last}.{Guid.NewGuid():N}"[..40].ToLowerInvariant() + "@journey.test";
            var user = await provisioning.EnsureUserAsync(email, first, last, Password, account.Id);
            await provisioning.EnsureMembershipAsync(account, user, role);
            return user;
        });

    /// <summary>A new member of the support staff, with no second factor yet.</summary>
    public static Task<AppUser> SupportStaffAsync(PortalServer server, string first, string last) =>
        WithCoreAsync(server, (_, provisioning) => provisioning.EnsureSupportUserAsync(
            $"{first}.{last}.{Guid.NewGuid():N}"[..40].ToLowerInvariant() + "@support.test", first, last, Password));

    /// <summary>A new account of the agency, in <paramref name="divisionName"/> when given.</summary>
    public static Task<Account> AccountAsync(PortalServer server, string agencyName, string name, string? divisionName = null) =>
        WithCoreAsync(server, async (db, provisioning) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Name == agencyName);
            var division = divisionName is null ? null : await db.Divisions.SingleAsync(d => d.AgencyId == agency.Id && d.Name == divisionName);
            return await provisioning.EnsureAccountAsync(agency, name, division);
        });

    private static async Task<T> WithCoreAsync<T>(PortalServer server, Func<AccountAdminDbContext, ProvisioningService, Task<T>> work)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = server.Database.Provider.ToString(),
                ["Database:ConnectionString"] = server.Database.Options.ConnectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAccountAdminCore(configuration);
        services.AddIdentityCore<AppUser>(ServiceCollectionExtensions.ConfigureIdentity).AddEntityFrameworkStores<AccountAdminDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>(), scope.ServiceProvider.GetRequiredService<ProvisioningService>());
    }
}
