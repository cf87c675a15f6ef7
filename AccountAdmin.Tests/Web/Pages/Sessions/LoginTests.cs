using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Sessions;

public abstract class LoginTests(PortalFixture fixture)
{
    private static Dictionary<string, string> Credentials(string name, string password = TestData.Password) => new()
    {
        ["Input.SignInName"] = name,
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task SignIn_WithEmail_GoesHome_AndIsRecorded()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var browser = fixture.NewBrowser();

        using var response = await browser.PostFormAsync("/login", Credentials(user.Email!.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var home = await browser.GetDocumentAsync("/");
        Assert.Contains("My accounts", home.QuerySelector("h1")!.TextContent);
        await fixture.WithDataAsync(async data =>
        {
            var stored = await data.Db.Users.SingleAsync(u => u.Id == user.Id);
            Assert.NotNull(stored.LastSignInAt);
            Assert.True(await data.Db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignedIn && e.TargetUserId == user.Id && e.ActorUserId == user.Id));
        });
    }

    [Fact]
    public async Task SignIn_WithUsername_Works()
    {
        var userName = TestData.Unique("handle");
        await fixture.WithDataAsync(data => data.UserAsync(userName: userName));
        using var browser = fixture.NewBrowser();

        using var response = await browser.PostFormAsync("/login", Credentials(userName));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task WrongPassword_IsRefused_WithAMessage_AndNoSession()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var browser = fixture.NewBrowser();

        using var response = await browser.PostFormAsync("/login", Credentials(user.Email!, "not-the-password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("sign-in name or password is not right", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(user.Email, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_SignInName")!.Value);
        Assert.Equal("", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Password")!.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task UnknownUser_GetsTheSameMessage()
    {
        using var browser = fixture.NewBrowser();

        using var response = await browser.PostFormAsync("/login", Credentials("nobody-here@test.example"));

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("sign-in name or password is not right", page.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task EmptyFields_AreRefused_AtTheirFields()
    {
        using var browser = fixture.NewBrowser();

        using var response = await browser.PostFormAsync("/login", Credentials("", ""));

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter your e-mail address or username.", page.QuerySelector("[data-valmsg-for='Input.SignInName']")!.TextContent);
        Assert.Contains("Enter your password.", page.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent);
    }

    [Fact]
    public async Task FiveFailures_LockTheUserOut_EvenWithTheRightPasswordAfterwards()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var browser = fixture.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            (await browser.PostFormAsync("/login", Credentials(user.Email!, "wrong-password"))).Dispose();
        }

        using var response = await browser.PostFormAsync("/login", Credentials(user.Email!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent);
        await fixture.WithDataAsync(async data =>
            Assert.True(await data.Db.AuditEvents.AnyAsync(e => e.Action == AuditActions.LockedOut && e.TargetUserId == user.Id)));
    }

    [Fact]
    public async Task ANameNobodyHas_AnswersEveryAttempt_AsARealOneDoes_LockIncluded()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        var nobody = $"nobody-{Guid.NewGuid():N}@test.example";
        using var browser = fixture.NewBrowser();

        async Task<string> AnswerAsync(string name)
        {
            using var response = await browser.PostFormAsync("/login", Credentials(name, "wrong-password"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent.Trim();
        }

        var real = new List<string>();
        var made = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            real.Add(await AnswerAsync(user.Email!));
            made.Add(await AnswerAsync(nobody));
        }

        Assert.Equal(real, made);
        Assert.Contains("locked", real[^1]);
        Assert.DoesNotContain("locked", real[0]);
    }

    [Theory]
    [InlineData("/profile-of-mine?x=1", "/profile-of-mine?x=1")]
    [InlineData("https://evil.example/steal", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    public async Task ReturnUrl_IsFollowed_OnlyWhenLocal(string returnUrl, string expected)
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var browser = fixture.NewBrowser();

        using var response = await browser.PostFormAsync(
            "/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), Credentials(user.Email!));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_IsRejected()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var browser = fixture.NewBrowser();

        using var response = await browser.Client.PostAsync("/login", new FormUrlEncodedContent(Credentials(user.Email!)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ArchivedUser_CannotSignIn()
    {
        var user = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync();
            await data.ArchiveAsync(user);
            return user;
        });
        using var browser = fixture.NewBrowser();

        using var response = await browser.PostFormAsync("/login", Credentials(user.Email!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnly_AndSameSite()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var browser = fixture.NewBrowser();

        using var response = await browser.PostFormAsync("/login", Credentials(user.Email!));

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AccountAdmin.Session="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);

        using var response = await browser.PostFormAsync("/logout", new Dictionary<string, string>());

        Assert.Equal("/login", response.Headers.Location?.OriginalString);
        using var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location?.PathAndQuery ?? after.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RotatedSecurityStamp_EndsTheSession_AtTheNextRequest()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        await fixture.WithDataAsync(async data =>
        {
            var users = fixture.Portal.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(user.Id.ToString()))!);
        });

        using var response = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn_WithTheReturnUrl()
    {
        using var browser = fixture.NewBrowser();

        using var response = await browser.GetAsync($"/accounts/{Guid.NewGuid()}/users?q=x");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login?ReturnUrl=%2Faccounts%2F", response.Headers.Location!.OriginalString);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LoginSqliteTests(SqlitePortal fixture) : LoginTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LoginPostgresTests(PostgresPortal fixture) : LoginTests(fixture);
