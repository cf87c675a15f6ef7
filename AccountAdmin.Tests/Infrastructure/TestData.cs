using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>Builders for test rows, through Core's provisioning; every name is unique so tests never share rows.</summary>
public sealed class TestData(IServiceProvider services)
{
    public const string Password = "Quiet-Harbour-2026!";

    private readonly ProvisioningService provisioning = services.GetRequiredService<ProvisioningService>();

    public AccountAdminDbContext Db { get; } = services.GetRequiredService<AccountAdminDbContext>();

    public IServiceProvider Services => services;

    public static string Unique(string tag) => $"{tag}-{Guid.NewGuid():N}"[..(tag.Length + 9)];

    /// <summary>The one link to <paramref name="path"/> in an e-mail's text, as its reader would follow it.</summary>
    public static Uri LinkIn(string textBody, string path) => new(LinkLine(textBody, path));

    /// <summary>The token that ends such a link.</summary>
    public static string TokenIn(string textBody, string path) => LinkLine(textBody, path) is var line ? line[(line.LastIndexOf('/') + 1)..] : "";

    private static string LinkLine(string textBody, string path) => textBody.Split('\n').Single(l => l.Contains(path, StringComparison.Ordinal)).Trim();

    public Task<Agency> AgencyAsync(string? name = null) => provisioning.EnsureAgencyAsync(name ?? Unique("Agency"));

    public async Task<Account> AccountAsync(Agency? agency = null, Division? division = null, string? name = null) =>
        await provisioning.EnsureAccountAsync(agency ?? await AgencyAsync(), name ?? Unique("Account"), division);

    public Task<Division> DivisionAsync(Agency agency, string? name = null) =>
        provisioning.EnsureDivisionAsync(agency, name ?? Unique("Division"));

    public Task<AppUser> UserAsync(
        string tag = "user", string? first = null, string? last = null, Guid? home = null, bool withPassword = true, string? userName = null) =>
        provisioning.EnsureUserAsync(
            $"{Unique(tag)}@test.example".ToLowerInvariant(), first ?? "Test", last ?? tag, withPassword ? Password : null, home,
            userName: userName);

    public async Task<AppUser> MemberAsync(Account account, AccountRole role, string? first = null, string? last = null, bool withPassword = true)
    {
        var user = await UserAsync(role.ToString().ToLowerInvariant(), first, last ?? role.ToString(), account.Id, withPassword);
        await provisioning.EnsureMembershipAsync(account, user, role);
        return user;
    }

    /// <summary>A signed-in browser's live session of <paramref name="user"/>, as the sign-in page starts one.</summary>
    public Task<Guid> SessionAsync(AppUser user) =>
        services.GetRequiredService<AccountAdmin.Core.Sessions.ISessionService>().StartAsync(user.Id, "127.0.0.1", "tests");

    /// <summary>The authenticator keys of the users given a second factor here, by e-mail: the test browser signs them in with a code.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AuthenticatorKeys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Turns two-factor sign-in on for <paramref name="user"/>, as if they had set it up: their key and ten recovery codes.</summary>
    public async Task<SecondFactor> TwoFactorAsync(AppUser user)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var tracked = (await users.FindByIdAsync(user.Id.ToString()))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(tracked)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(tracked, true)).Succeeded);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(tracked, 10))!.ToList();
        var key = (await users.GetAuthenticatorKeyAsync(tracked))!;
        AuthenticatorKeys[user.Email!] = key;
        return new SecondFactor(key, codes);
    }

    /// <summary>
    /// A passkey of <paramref name="user"/>, kept as Core keeps one the browser made and Identity verified; its id, base64url.
    /// (A real one is made in Chromium by the E2E suite's virtual authenticator.)
    /// </summary>
    public async Task<string> PasskeyAsync(AppUser user, string name = "Work laptop")
    {
        var id = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var passkey = new UserPasskeyInfo(id, [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [4], [5]);
        Assert.True((await services.GetRequiredService<AccountAdmin.Core.Passkeys.IPasskeys>().AddAsync(user.Id, passkey, name)).Succeeded);
        return System.Buffers.Text.Base64Url.EncodeToString(id);
    }

    /// <summary>Makes <paramref name="user"/> support staff, with the second factor support staff must have.</summary>
    public async Task<SecondFactor> SupportStaffAsync(AppUser user)
    {
        (await Db.Users.SingleAsync(u => u.Id == user.Id)).MakeSupportStaff();
        await Db.SaveChangesAsync();
        return await TwoFactorAsync(user);
    }

    public Task GrantAsync(Account account, AppUser user, AccountRole role) => provisioning.EnsureMembershipAsync(account, user, role);

    public Task AgencyRoleAsync(Agency agency, AppUser user, AgencyRole role) => provisioning.EnsureAgencyRoleAsync(agency, user, role);

    public Task DivisionAdministratorAsync(Division division, AppUser user) => provisioning.EnsureDivisionAdministratorAsync(division, user);

    public Task DivisionMemberAsync(Division division, AppUser user) => provisioning.EnsureDivisionMemberAsync(division, user);

    public async Task SuspendAsync(Account account, AppUser user)
    {
        var membership = await Db.Memberships.SingleAsync(m => m.AccountId == account.Id && m.UserId == user.Id);
        membership.Suspend(user.Id, DateTime.UtcNow);
        await Db.SaveChangesAsync();
    }

    public async Task ArchiveAsync(AppUser user)
    {
        var tracked = await Db.Users.SingleAsync(u => u.Id == user.Id);
        tracked.Archive(DateTime.UtcNow);
        await Db.SaveChangesAsync();
    }

    public async Task SignedInAsync(AppUser user, DateTime at)
    {
        var tracked = await Db.Users.SingleAsync(u => u.Id == user.Id);
        tracked.RecordSignIn(at);
        foreach (var membership in await Db.Memberships.Where(m => m.UserId == user.Id).ToListAsync())
        {
            membership.RefreshKeys(tracked);
        }

        await Db.SaveChangesAsync();
    }
}

/// <summary>A user's authenticator key and recovery codes, as they would have saved them.</summary>
public sealed record SecondFactor(string Key, IReadOnlyList<string> RecoveryCodes);
