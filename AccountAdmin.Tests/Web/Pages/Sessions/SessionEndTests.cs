using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Sessions;

/// <summary>A session ends on the server: a cookie captured before sign-out is worth nothing afterwards, wherever it is replayed.</summary>
public abstract class SessionEndTests(PortalFixture fixture)
{
    private async Task<(Browser Browser, string Cookie)> SignedInWithCookieAsync(AppUser user)
    {
        var browser = fixture.NewBrowser();
        using var response = await browser.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = user.Email!,
            ["Input.Password"] = TestData.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("AccountAdmin.Session=", StringComparison.Ordinal));
        return (browser, cookie[..cookie.IndexOf(';')]);
    }

    /// <summary>GET /profile with nothing but <paramref name="cookie"/>, as someone who copied it would.</summary>
    private async Task<HttpStatusCode> ReplayAsync(string cookie)
    {
        using var client = fixture.Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profile");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private Task<AppUser> UserAsync() => fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent));

    [Fact]
    public async Task ACookieCapturedBeforeSignOut_IsRefusedAfterIt()
    {
        var user = await UserAsync();
        var (browser, cookie) = await SignedInWithCookieAsync(user);
        using (browser)
        {
            Assert.Equal(HttpStatusCode.OK, await ReplayAsync(cookie));

            using var signedOut = await browser.PostFormAsync("/logout", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(cookie));
        var session = await fixture.WithDataAsync(data => data.Db.UserSessions.AsNoTracking().SingleAsync(s => s.UserId == user.Id));
        Assert.Equal(SessionEnd.SignedOut, session.EndReason);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEveryBrowsersSession_ButSigningOutOneLeavesTheOthers()
    {
        var user = await UserAsync();
        var (laptop, laptopCookie) = await SignedInWithCookieAsync(user);
        var (phone, phoneCookie) = await SignedInWithCookieAsync(user);
        var (tablet, tabletCookie) = await SignedInWithCookieAsync(user);

        using (laptop)
        {
            using var response = await laptop.PostFormAsync("/logout", new Dictionary<string, string>());
        }

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(laptopCookie));
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(phoneCookie));
        using (phone)
        {
            using var everywhere = await phone.ClickAsync("/profile", "#sign-out-everywhere");
            Assert.True(HttpStatusCode.Redirect == everywhere.StatusCode, $"{(int)everywhere.StatusCode} {await everywhere.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(phoneCookie));
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(tabletCookie));
        tablet.Dispose();
        Assert.All(
            await fixture.WithDataAsync(data => data.Db.UserSessions.AsNoTracking().Where(s => s.UserId == user.Id).ToListAsync()),
            s => Assert.NotNull(s.EndedAt));
    }

    [Fact]
    public async Task ChangingThePassword_EndsTheOtherSessions_ButNotThisOne()
    {
        var user = await UserAsync();
        var (browser, _) = await SignedInWithCookieAsync(user);
        var (other, otherCookie) = await SignedInWithCookieAsync(user);
        other.Dispose();

        using var changed = await browser.PostFormAsync("/profile", new Dictionary<string, string>
        {
            ["Password.CurrentPassword"] = TestData.Password,
            ["Password.NewPassword"] = "Another-Pass-2026!",
            ["Password.ConfirmPassword"] = "Another-Pass-2026!",
        }, "#change-password");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(otherCookie));
        await browser.GetDocumentAsync("/profile");
        browser.Dispose();
        var sessions = await fixture.WithDataAsync(data => data.Db.UserSessions.AsNoTracking().Where(s => s.UserId == user.Id).ToListAsync());
        Assert.Single(sessions, s => s.EndReason == SessionEnd.PasswordChanged);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SessionEndSqliteTests(SqlitePortal fixture) : SessionEndTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SessionEndPostgresTests(PostgresPortal fixture) : SessionEndTests(fixture);
