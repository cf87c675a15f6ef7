using System.Diagnostics;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Commands;

/// <summary>The first support user and the first agency of a production install, made by the portal's own command line.</summary>
public sealed class BootstrapCommandTests
{
    private static async Task<(int Code, string Output)> RunAsync(TestDatabase database, string input, params string[] args)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "AccountAdmin.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(web);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["Database__ConnectionString"] = database.Options.ConnectionString;
        start.Environment["DataProtection__KeysFolder"] = Path.Combine(Path.GetTempPath(), $"accountadmin-keys-{Guid.NewGuid():N}");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task CreateAgency_MakesTheAgencyAccountAndOwner_WhoCanSignIn()
    {
        await using var database = await TestDatabase.CreateAsync(AccountAdmin.Core.Data.DatabaseProvider.Sqlite, migrate: false);

        var (code, output) = await RunAsync(database, "Prod-Pass-2026!",
            "create-agency", "--agency", "Acme", "--account", "Acme Main",
            "--owner-email", "boss@acme.test", "--owner-first-name", "Bo", "--owner-last-name", "Boss");

        Assert.True(code == 0, output);
        Assert.Contains("Acme Main", output);
        await using var db = database.NewContext();
        var owner = await db.Users.SingleAsync(u => u.Email == "boss@acme.test");
        var account = await db.Accounts.SingleAsync(a => a.Name == "Acme Main");
        var membership = await db.Memberships.SingleAsync(m => m.UserId == owner.Id);
        Assert.Equal(account.Id, membership.AccountId);
        Assert.Equal(AccountRole.Owner, membership.Role);
        Assert.NotNull(owner.PasswordHash);
        Assert.False(await db.Users.AnyAsync(u => u.Email!.EndsWith("northwind.test")));

        await using var portal = new PortalFactory(database);
        using var browser = portal.NewBrowser();
        await browser.SignInAsync("boss@acme.test", "Prod-Pass-2026!");
        await browser.GetDocumentAsync($"/accounts/{account.Id}/users");
    }

    [Fact]
    public async Task CreateSupportUser_MakesSupportStaff()
    {
        await using var database = await TestDatabase.CreateAsync(AccountAdmin.Core.Data.DatabaseProvider.Sqlite, migrate: false);

        var (code, output) = await RunAsync(database, "Prod-Pass-2026!",
            "create-support-user", "--email", "help@provider.test", "--first-name", "Hal", "--last-name", "Help");

        Assert.True(code == 0, output);
        await using var db = database.NewContext();
        Assert.True(await db.Users.AnyAsync(u => u.Email == "help@provider.test" && u.IsSupportStaff));
    }

    [Fact]
    public async Task MissingOption_FailsWithUsage_AndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(AccountAdmin.Core.Data.DatabaseProvider.Sqlite, migrate: false);

        var (code, output) = await RunAsync(database, "Prod-Pass-2026!", "create-agency", "--agency", "Acme");

        Assert.Equal(2, code);
        Assert.Contains("Missing --account", output);
        await using var db = database.NewContext();
        Assert.False(await db.Agencies.AnyAsync());
    }

    [Fact]
    public async Task WeakOwnerPassword_LeavesNoAgencyBehind()
    {
        await using var database = await TestDatabase.CreateAsync(AccountAdmin.Core.Data.DatabaseProvider.Sqlite, migrate: false);

        var (code, _) = await RunAsync(database, "short",
            "create-agency", "--agency", "Acme", "--account", "Acme Main",
            "--owner-email", "boss@acme.test", "--owner-first-name", "Bo", "--owner-last-name", "Boss");

        Assert.Equal(1, code);
        await using var db = database.NewContext();
        Assert.False(await db.Agencies.AnyAsync());
        Assert.False(await db.Accounts.AnyAsync());
        Assert.False(await db.AuditEvents.AnyAsync(), "the audit events of the rolled-back change went with it");
    }

    [Fact]
    public async Task WeakPassword_IsRefused_WithIdentitysReason()
    {
        await using var database = await TestDatabase.CreateAsync(AccountAdmin.Core.Data.DatabaseProvider.Sqlite, migrate: false);

        var (code, output) = await RunAsync(database, "short",
            "create-support-user", "--email", "weak@provider.test", "--first-name", "W", "--last-name", "Eak");

        Assert.Equal(1, code);
        Assert.Contains("Passwords must be at least 12 characters", output);
        await using var db = database.NewContext();
        Assert.False(await db.Users.AnyAsync());
    }
}
