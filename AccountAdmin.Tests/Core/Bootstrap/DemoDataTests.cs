using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Bootstrap;

/// <summary>The demo data on a database of its own, since it uses fixed names.</summary>
public sealed class DemoDataTests : IAsyncLifetime
{
    private readonly SqliteCore core = new();

    public Task InitializeAsync() => core.InitializeAsync();

    public Task DisposeAsync() => core.DisposeAsync();

    [Fact]
    public async Task Seeding_IsIdempotent_AndGivesEveryDemoRole()
    {
        await SeedAsync();
        var counts = await CountsAsync();
        await SeedAsync();

        Assert.Equal(counts, await CountsAsync());

        var roles = await core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountAdmin.Core.Data.AccountAdminDbContext>();
            var access = sp.GetRequiredService<IAccessService>();
            var main = await db.Accounts.SingleAsync(a => a.Name == "Northwind Main");
            var east = await db.Accounts.SingleAsync(a => a.Name == "Northwind East");
            async Task<AccountRole?> RoleAsync(string email, Account account)
            {
                var user = await db.Users.SingleAsync(u => u.Email == email);
                return (await access.GetAsync(user.Id, account.Id))!.Access.EffectiveRole;
            }

            return new Dictionary<string, AccountRole?>
            {
                ["agency.admin"] = await RoleAsync("agency.admin@northwind.test", east),
                ["division.admin"] = await RoleAsync("division.admin@northwind.test", east),
                ["division.admin in main"] = await RoleAsync("division.admin@northwind.test", main),
                ["owner"] = await RoleAsync("owner@northwind.test", main),
                ["admin"] = await RoleAsync("admin@northwind.test", main),
                ["billing"] = await RoleAsync("billing@northwind.test", main),
                ["reports"] = await RoleAsync("reports@northwind.test", main),
                ["calls"] = await RoleAsync("calls@northwind.test", main),
                ["agent"] = await RoleAsync("agent@northwind.test", main),
                ["contoso owner in main"] = await RoleAsync("owner@contoso.test", main),
            };
        });

        Assert.Equal(AccountRole.Owner, roles["agency.admin"]);
        Assert.Equal(AccountRole.Administrator, roles["division.admin"]);
        Assert.Null(roles["division.admin in main"]);
        Assert.Equal(AccountRole.Owner, roles["owner"]);
        Assert.Equal(AccountRole.Administrator, roles["admin"]);
        Assert.Equal(AccountRole.BillingManager, roles["billing"]);
        Assert.Equal(AccountRole.ReportManager, roles["reports"]);
        Assert.Equal(AccountRole.CallManager, roles["calls"]);
        Assert.Equal(AccountRole.CallAgent, roles["agent"]);
        Assert.Null(roles["contoso owner in main"]);
        Assert.True(await core.RunAsync(sp => sp.GetRequiredService<AccountAdmin.Core.Data.AccountAdminDbContext>()
            .Users.AnyAsync(u => u.Email == "support@accountadmin.test" && u.IsSupportStaff)));
    }

    private Task<int> SeedAsync() => core.RunAsync(async sp =>
    {
        await sp.GetRequiredService<DemoData>().SeedAsync();
        return 0;
    });

    private Task<(int Users, int Accounts, int Memberships, int Audit)> CountsAsync() =>
        core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountAdmin.Core.Data.AccountAdminDbContext>();
            return (await db.Users.CountAsync(), await db.Accounts.CountAsync(), await db.Memberships.CountAsync(), await db.AuditEvents.CountAsync());
        });
}
