using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Sessions;

/// <summary>Signing in with two-factor on: the password, then the app's code, a recovery code, or a remembered browser.</summary>
public abstract class TwoFactorSignInTests(PortalFixture fixture)
{
    private const string Step = "/login/two-factor";

    private Task<(AppUser User, SecondFactor Factor)> UserAsync() => fixture.WithDataAsync(async data =>
    {
        var user = await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent);
        return (user, await data.TwoFactorAsync(user));
    });

    private static Task<HttpResponseMessage> PasswordAsync(Browser browser, AppUser user, string password = TestData.Password, bool rememberMe = false) =>
        browser.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = user.Email!,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = rememberMe ? "true" : "false",
        });

    private static Task<HttpResponseMessage> CodeAsync(Browser browser, string code, bool rememberBrowser = false) =>
        browser.PostFormAsync(Step, new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.RememberBrowser"] = rememberBrowser ? "true" : "false",
        });

    private static Task<HttpResponseMessage> RecoveryCodeAsync(Browser browser, string code) =>
        browser.PostFormAsync("/login/recovery-code", new Dictionary<string, string> { ["Input.RecoveryCode"] = code });

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field) =>
        Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? "";

    private static async Task<bool> SignedInAsync(Browser browser) => (await browser.GetAsync("/profile")).StatusCode == HttpStatusCode.OK;

    private Task<List<string?>> SignInsAsync(AppUser user) =>
        fixture.WithDataAsync(data => data.Db.AuditEvents.Where(e => e.Action == AuditActions.SignedIn && e.TargetUserId == user.Id)
            .OrderBy(e => e.OccurredAt).Select(e => e.Details).ToListAsync());

    private static string WrongCode(string key) => Totp.Now(key) == "000000" ? "111111" : "000000";

    [Fact]
    public async Task ThePassword_ThenTheAppsCode_SignsIn_AndTheAuditLogNamesBothFactors()
    {
        var (user, factor) = await UserAsync();
        using var browser = fixture.NewBrowser();

        using var password = await PasswordAsync(browser, user);
        var halfway = await SignedInAsync(browser);
        using var code = await CodeAsync(browser, Totp.Now(factor.Key));

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal(Step, password.Headers.Location?.OriginalString);
        Assert.False(halfway);
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.True(await SignedInAsync(browser));
        Assert.Equal(["With a password and an authenticator code"], await SignInsAsync(user));
    }

    [Fact]
    public async Task AWrongPassword_ForAUserWithTwoFactor_IsAnsweredExactlyAsForAnyoneElse()
    {
        var (user, _) = await UserAsync();
        using var browser = fixture.NewBrowser();

        using var wrong = await PasswordAsync(browser, user, "Not-The-Password-1");
        using var nobody = await browser.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = $"nobody-{Guid.NewGuid():N}@test.example",
            ["Input.Password"] = "Not-The-Password-1",
        });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var message = Browser.Parse(await wrong.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent;
        Assert.Equal(Browser.Parse(await nobody.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent, message);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(Step)).StatusCode);
    }

    [Fact]
    public async Task AWrongAnExpiredAndAReusedCode_AreEachRefusedAtTheField_AndSignNobodyIn()
    {
        var (user, factor) = await UserAsync();
        using var first = fixture.NewBrowser();
        await PasswordAsync(first, user);

        using var wrong = await CodeAsync(first, WrongCode(factor.Key));
        using var expired = await CodeAsync(first, Totp.Now(factor.Key, steps: -10));
        var stillOut = await SignedInAsync(first);
        var code = Totp.Now(factor.Key);
        using var right = await CodeAsync(first, code);

        using var second = fixture.NewBrowser();
        await PasswordAsync(second, user);
        using var reused = await CodeAsync(second, code);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("not right, or it has expired", await FieldErrorAsync(wrong, "Input.Code"));
        Assert.Contains("not right, or it has expired", await FieldErrorAsync(expired, "Input.Code"));
        Assert.False(stillOut);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("used already", await FieldErrorAsync(reused, "Input.Code"));
        Assert.False(await SignedInAsync(second));
        Assert.Single(await SignInsAsync(user));
    }

    [Fact]
    public async Task WrongCodes_CountTowardTheNamesLock_LikeWrongPasswords_AndThenEvenTheRightCodeIsRefused()
    {
        var (user, factor) = await UserAsync();
        using var browser = fixture.NewBrowser();
        await PasswordAsync(browser, user);

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await CodeAsync(browser, WrongCode(factor.Key));
            answers.Add(await FieldErrorAsync(wrong, "Input.Code"));
        }

        using var right = await CodeAsync(browser, Totp.Now(factor.Key));
        using var password = await PasswordAsync(fixture.NewBrowser(), user);

        Assert.All(answers.Take(4), a => Assert.Contains("not right", a));
        Assert.Contains("locked for a few minutes", answers[4]);
        Assert.Contains("locked for a few minutes", await FieldErrorAsync(right, "Input.Code"));
        Assert.False(await SignedInAsync(browser));
        Assert.Contains("locked", Browser.Parse(await password.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(e => e.Action == AuditActions.LockedOut && e.TargetUserId == user.Id)));
    }

    [Fact]
    public async Task ARightCode_ClearsTheWrongCodesCountedBeforeIt()
    {
        var (user, factor) = await UserAsync();
        using var browser = fixture.NewBrowser();
        await PasswordAsync(browser, user);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await CodeAsync(browser, WrongCode(factor.Key));
        }

        var counted = await fixture.WithDataAsync(data => data.Db.SignInThrottles.CountAsync(t => t.Key.StartsWith(user.Email!.ToUpperInvariant())));
        using var right = await CodeAsync(browser, Totp.Now(factor.Key));

        Assert.Equal(2, counted);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(0, await fixture.WithDataAsync(data => data.Db.SignInThrottles.CountAsync(t => t.Key.StartsWith(user.Email!.ToUpperInvariant()))));
    }

    [Fact]
    public async Task ARecoveryCode_SignsInOnce_AndTheSameCodeAgainIsRefusedAtTheField()
    {
        var (user, factor) = await UserAsync();
        var code = factor.RecoveryCodes[3];
        using var first = fixture.NewBrowser();
        await PasswordAsync(first, user);

        using var used = await RecoveryCodeAsync(first, code.ToLowerInvariant().Replace("-", " "));
        var message = (await first.GetDocumentAsync(used.Headers.Location!.OriginalString)).QuerySelector("#status-message")!.TextContent;
        using var second = fixture.NewBrowser();
        await PasswordAsync(second, user);
        using var again = await RecoveryCodeAsync(second, code);

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Contains("9 recovery codes left", message);
        Assert.True(await SignedInAsync(first));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("used already", await FieldErrorAsync(again, "Input.RecoveryCode"));
        Assert.False(await SignedInAsync(second));
        Assert.Equal(["With a password and a recovery code"], await SignInsAsync(user));
        Assert.Equal(1, await fixture.WithDataAsync(data => data.Db.AuditEvents.CountAsync(e => e.Action == AuditActions.RecoveryCodeUsed && e.TargetUserId == user.Id)));
    }

    [Fact]
    public async Task RememberThisBrowser_SkipsTheCodeThere_ButNotElsewhere_AndANewSecurityStampForgetsIt()
    {
        var (user, factor) = await UserAsync();
        using var laptop = fixture.NewBrowser();
        await PasswordAsync(laptop, user);
        await CodeAsync(laptop, Totp.Now(factor.Key), rememberBrowser: true);
        await laptop.PostFormAsync("/logout", new Dictionary<string, string>());

        using var again = await PasswordAsync(laptop, user);
        using var elsewhere = await PasswordAsync(fixture.NewBrowser(), user);
        await laptop.PostFormAsync("/logout", new Dictionary<string, string>());
        await fixture.WithDataAsync(async data =>
        {
            var users = data.Services.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(user.Id.ToString()))!);
        });
        using var afterStamp = await PasswordAsync(laptop, user);

        Assert.NotEqual(Step, again.Headers.Location?.OriginalString);
        Assert.Equal(Step, elsewhere.Headers.Location?.OriginalString);
        Assert.Equal(Step, afterStamp.Headers.Location?.OriginalString);
        Assert.Contains("With a password, on a browser remembered after an authenticator code", await SignInsAsync(user));
    }

    [Fact]
    public async Task TheStep_WithoutAPasswordFirst_GoesBackToSignIn_AndTakesNoCode()
    {
        var (user, factor) = await UserAsync();
        using var browser = fixture.NewBrowser();
        var token = (await browser.GetDocumentAsync("/login")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        using var get = await browser.GetAsync(Step);
        using var post = await browser.Client.PostAsync(Step, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = Totp.Now(factor.Key),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal("/login", get.Headers.Location?.OriginalString);
        Assert.Equal("/login", post.Headers.Location?.OriginalString);
        Assert.False(await SignedInAsync(browser));
        Assert.Empty(await SignInsAsync(user));
    }

    [Fact]
    public async Task AReturnUrl_IsKeptThroughTheStep_WhenItIsLocal()
    {
        var (user, factor) = await UserAsync();
        using var browser = fixture.NewBrowser();

        using var password = await browser.PostFormAsync("/login?ReturnUrl=%2Fprofile", new Dictionary<string, string>
        {
            ["Input.SignInName"] = user.Email!,
            ["Input.Password"] = TestData.Password,
        });
        var step = password.Headers.Location!.OriginalString;
        using var code = await browser.PostFormAsync(step, new Dictionary<string, string> { ["Input.Code"] = Totp.Now(factor.Key) });

        Assert.Equal("/login/two-factor?returnUrl=%2Fprofile", step);
        Assert.Equal("/profile", code.Headers.Location?.OriginalString);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TwoFactorSignInSqliteTests(SqlitePortal fixture) : TwoFactorSignInTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TwoFactorSignInPostgresTests(PostgresPortal fixture) : TwoFactorSignInTests(fixture);

/// <summary>The second step is one of the sign-in forms the rate limiter counts per client address.</summary>
public sealed class TwoFactorRateLimitTests
{
    [Fact]
    public async Task CodesPostedPastTheLimit_Get429()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var portal = new PortalFactory(database, new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "3" });
        AppUser user;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var data = new TestData(scope.ServiceProvider);
            user = await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent);
            await data.TwoFactorAsync(user);
        }

        using var browser = portal.NewBrowser();
        using var password = await browser.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = user.Email!,
            ["Input.Password"] = TestData.Password,
        });
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var code = await browser.PostFormAsync("/login/two-factor", new Dictionary<string, string> { ["Input.Code"] = "000000" });
            answers.Add(code.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }
}
