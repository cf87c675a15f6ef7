using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Profile;

/// <summary>Setting up two-factor sign-in from /profile, its recovery codes, and turning it off.</summary>
public abstract class TwoFactorTests(PortalFixture fixture)
{
    private const string SetupUrl = "/profile/two-factor";

    private Task<AppUser> UserAsync() => fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent));

    private Task<(bool Enabled, int Codes)> StoredAsync(AppUser user) => fixture.WithDataAsync(async data =>
    {
        var users = data.Services.GetRequiredService<UserManager<AppUser>>();
        var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
        return (stored.TwoFactorEnabled, await users.CountRecoveryCodesAsync(stored));
    });

    private Task<int> AuditedAsync(AppUser user, string action) =>
        fixture.WithDataAsync(data => data.Db.AuditEvents.CountAsync(e => e.Action == action && e.TargetUserId == user.Id));

    /// <summary>What the user was told by e-mail about changes to how they sign in, oldest first.</summary>
    private Task<List<string>> NoticesAsync(AppUser user) => fixture.WithDataAsync(data => data.Db.OutboxMessages
        .Where(m => m.To == user.Email && m.Subject == "How you sign in to AccountAdmin changed").OrderBy(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync());

    /// <summary>The shared key as the set-up page shows it, for typing into an app.</summary>
    private static async Task<string> KeyAsync(Browser browser) =>
        (await browser.GetDocumentAsync(SetupUrl)).QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "");

    private static Task<HttpResponseMessage> EnableAsync(Browser browser, string code) =>
        browser.PostFormAsync(SetupUrl, new Dictionary<string, string> { ["Input.Code"] = code }, "#enable-two-factor-form");

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field) =>
        Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? "";

    [Fact]
    public async Task SettingUp_WithTheAppsFirstCode_TurnsItOn_ShowsTenRecoveryCodesOnce_AndSignsOutOtherBrowsers()
    {
        var user = await UserAsync();
        using var browser = await fixture.SignedInAsync(user);
        using var other = await fixture.SignedInAsync(user);

        var setup = await browser.GetDocumentAsync(SetupUrl);
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "");
        using var enabled = await EnableAsync(browser, Totp.Now(key));

        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector<IHtmlImageElement>("#authenticator-qr")!.Source);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal("/profile/two-factor/recovery-codes", enabled.Headers.Location?.OriginalString);
        var codes = (await browser.GetDocumentAsync("/profile/two-factor/recovery-codes")).QuerySelectorAll("[data-recovery-code]").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));
        Assert.Empty((await browser.GetDocumentAsync("/profile/two-factor/recovery-codes")).QuerySelectorAll("[data-recovery-code]"));
        Assert.Equal((true, 10), await StoredAsync(user));
        Assert.Equal(1, await AuditedAsync(user, AuditActions.TwoFactorEnabled));
        Assert.Contains("authenticator app was turned on", Assert.Single(await NoticesAsync(user)));
        var profile = await browser.GetDocumentAsync("/profile");
        Assert.Equal("on", profile.QuerySelector("#two-factor [data-two-factor]")!.GetAttribute("data-two-factor"));
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task AWrongOrExpiredCode_IsRefusedAtTheField_AndTwoFactorStaysOff()
    {
        var user = await UserAsync();
        using var browser = await fixture.SignedInAsync(user);
        var key = await KeyAsync(browser);

        using var wrong = await EnableAsync(browser, Totp.Now(key) == "123456" ? "654321" : "123456");
        using var expired = await EnableAsync(browser, Totp.Now(key, steps: -10));
        using var shapeless = await EnableAsync(browser, "12a4");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("not right, or it has expired", await FieldErrorAsync(wrong, "Input.Code"));
        Assert.Contains("not right, or it has expired", await FieldErrorAsync(expired, "Input.Code"));
        Assert.Contains("6-digit code", await FieldErrorAsync(shapeless, "Input.Code"));
        Assert.Equal((false, 0), await StoredAsync(user));
        Assert.Equal(key, await KeyAsync(browser));
        Assert.Equal(0, await AuditedAsync(user, AuditActions.TwoFactorEnabled));
        Assert.Empty(await NoticesAsync(user));
    }

    [Fact]
    public async Task TurningItOff_AsksForTheCurrentPassword_AndAWrongOneChangesNothing()
    {
        var user = await UserAsync();
        await fixture.WithDataAsync(data => data.TwoFactorAsync(user));
        using var browser = await fixture.SignedInAsync(user);

        using var wrong = await browser.PostFormAsync("/profile/two-factor/disable", new Dictionary<string, string> { ["Input.CurrentPassword"] = "Not-The-Password-1" });
        var stillOn = await StoredAsync(user);
        var noticesAfterWrong = await NoticesAsync(user);
        using var right = await browser.PostFormAsync("/profile/two-factor/disable", new Dictionary<string, string> { ["Input.CurrentPassword"] = TestData.Password });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("current password is not right", await FieldErrorAsync(wrong, "Input.CurrentPassword"));
        Assert.Equal((true, 10), stillOn);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal((false, 0), await StoredAsync(user));
        Assert.Equal(1, await AuditedAsync(user, AuditActions.TwoFactorDisabled));
        Assert.Empty(noticesAfterWrong);
        Assert.Contains("Two-factor sign-in was turned off", Assert.Single(await NoticesAsync(user)));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
        Assert.NotNull((await browser.GetDocumentAsync(SetupUrl)).QuerySelector("#authenticator-key"));
    }

    [Fact]
    public async Task NewRecoveryCodes_AskForTheCurrentPassword_AndReplaceTheOldOnes()
    {
        var user = await UserAsync();
        var factor = await fixture.WithDataAsync(data => data.TwoFactorAsync(user));
        using var browser = await fixture.SignedInAsync(user);
        const string url = "/profile/two-factor/recovery-codes";

        using var wrong = await browser.PostFormAsync(url, new Dictionary<string, string> { ["Input.CurrentPassword"] = "Not-The-Password-1" });
        var unchanged = await StoredAsync(user);
        var noticesAfterWrong = await NoticesAsync(user);
        using var right = await browser.PostFormAsync(url, new Dictionary<string, string> { ["Input.CurrentPassword"] = TestData.Password });
        var fresh = (await browser.GetDocumentAsync(url)).QuerySelectorAll("[data-recovery-code]").Select(c => c.TextContent).ToList();

        Assert.Contains("current password is not right", await FieldErrorAsync(wrong, "Input.CurrentPassword"));
        Assert.Equal((true, 10), unchanged);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(factor.RecoveryCodes));
        Assert.Equal(1, await AuditedAsync(user, AuditActions.RecoveryCodesGenerated));
        Assert.Empty(noticesAfterWrong);
        Assert.Contains("New recovery codes were made", Assert.Single(await NoticesAsync(user)));
    }

    [Fact]
    public async Task TheTwoFactorPages_AreForSignedInUsersOnly()
    {
        using var anonymous = fixture.NewBrowser();

        foreach (var url in new[] { SetupUrl, "/profile/two-factor/recovery-codes", "/profile/two-factor/disable" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/login", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task LoggedInAsSomeone_AnOwnerSeesNoKeyOfTheirs_AndCanTurnNothingOnOrOff()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner"), await data.MemberAsync(account, AccountRole.CallAgent, "Abe", "Agent"));
        });
        using var browser = await fixture.SignedInAsync(owner);
        using var started = await browser.PostFormAsync(
            $"/impersonation/start?accountId={account.Id}&userId={agent.Id}", new Dictionary<string, string>(), "#impersonation-form");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);

        var page = await browser.GetDocumentAsync(SetupUrl);
        using var enable = await browser.PostWithTokenAsync(SetupUrl, new Dictionary<string, string> { ["Input.Code"] = "123456" });

        Assert.Null(page.QuerySelector("#authenticator-key"));
        Assert.NotNull(page.QuerySelector("#two-factor-while-impersonating"));
        Assert.Contains("While you are logged in as someone else", Browser.Parse(await enable.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal((false, 0), await StoredAsync(agent));
        Assert.Equal(0, await fixture.WithDataAsync(data => data.Db.UserTokens.CountAsync(t => t.UserId == agent.Id)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TwoFactorSqliteTests(SqlitePortal fixture) : TwoFactorTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TwoFactorPostgresTests(PostgresPortal fixture) : TwoFactorTests(fixture);
