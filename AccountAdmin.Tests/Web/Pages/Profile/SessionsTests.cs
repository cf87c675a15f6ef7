using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Profile;

/// <summary>My signed-in browsers on /profile: each sign-in listed, this one marked, the others ended one by one or together.</summary>
public abstract class SessionsTests(PortalFixture fixture)
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private Task<AppUser> UserAsync() => fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent));

    private async Task<Browser> SignedInAsync(AppUser user, string userAgent)
    {
        var browser = fixture.NewBrowser();
        browser.Client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private Task<List<UserSession>> SessionsAsync(AppUser user) =>
        fixture.WithDataAsync(data => data.Db.UserSessions.AsNoTracking().Where(s => s.UserId == user.Id).OrderBy(s => s.CreatedAt).ToListAsync());

    [Fact]
    public async Task Profile_ListsEachSignedInBrowser_WithWhenAndWhere_AndMarksThisOne()
    {
        var user = await UserAsync();
        using var windows = await SignedInAsync(user, Chrome);
        using var linux = await SignedInAsync(user, Firefox);

        var rows = (await windows.GetDocumentAsync("/profile")).QuerySelectorAll("#session-list [data-session-id]").ToList();

        Assert.Equal(["Firefox on Linux", "Chrome on Windows"], rows.Select(r => r.QuerySelector("[data-browser]")!.TextContent));
        Assert.Null(rows[0].QuerySelector("#this-browser"));
        Assert.NotNull(rows[1].QuerySelector("#this-browser"));
        Assert.Null(rows[1].QuerySelector("[data-end-session]"));
        Assert.NotNull(rows[0].QuerySelector("time"));
    }

    [Fact]
    public async Task EachBrowser_ShowsWhenItWasLastActive_WrittenAtItsRequests()
    {
        var user = await UserAsync();
        using var browser = await SignedInAsync(user, Chrome);

        await browser.GetDocumentAsync("/");
        var seen = (await SessionsAsync(user)).Single().LastSeenAt;
        var profile = await browser.GetDocumentAsync("/profile");

        Assert.NotNull(seen);
        Assert.InRange(seen!.Value, DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow.AddMinutes(1));
        Assert.StartsWith("Last active", profile.QuerySelector("#this-browser")!.Closest("li")!.QuerySelector("[data-last-seen]")!.TextContent.Trim());
    }

    [Fact]
    public async Task EndingAnotherBrowsersSession_SignsItOutAtItsNextRequest_AndIsAudited()
    {
        var user = await UserAsync();
        using var laptop = await SignedInAsync(user, Chrome);
        using var phone = await SignedInAsync(user, Firefox);
        var phoneSession = (await SessionsAsync(user))[1].Id;
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/profile")).StatusCode);

        using var ended = await laptop.ClickAsync("/profile", $"[data-session-id='{phoneSession}'] [data-end-session]");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Contains("That browser is signed out", (await laptop.GetDocumentAsync("/profile")).QuerySelector("#status-message")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/profile")).StatusCode);
        var sessions = await SessionsAsync(user);
        Assert.Equal(SessionEnd.EndedFromAnotherBrowser, sessions.Single(s => s.Id == phoneSession).EndReason);
        Assert.Null(sessions.Single(s => s.Id != phoneSession).EndedAt);
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SessionEnded && e.TargetUserId == user.Id)));
    }

    [Fact]
    public async Task AForgedSessionId_AnotherUsersOrMadeUp_IsRefused_AndChangesNothing()
    {
        var user = await UserAsync();
        var victim = await UserAsync();
        using var attacker = await SignedInAsync(user, Chrome);
        using var victimBrowser = await SignedInAsync(victim, Firefox);
        var victimSession = (await SessionsAsync(victim)).Single().Id;

        using var theirs = await attacker.PostWithTokenAsync($"/profile/sessions/{victimSession}/end", new Dictionary<string, string>());
        using var madeUp = await attacker.PostWithTokenAsync($"/profile/sessions/{Guid.NewGuid()}/end", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, madeUp.StatusCode);
        Assert.Null((await SessionsAsync(victim)).Single().EndedAt);
        Assert.Equal(HttpStatusCode.OK, (await victimBrowser.GetAsync("/profile")).StatusCode);
        Assert.False(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(
            e => e.Action == AuditActions.SessionEnded && (e.TargetUserId == victim.Id || e.TargetUserId == user.Id))));
    }

    [Fact]
    public async Task EndingThisBrowsersOwnSessionThere_IsRefused_SigningOutIsTheWay()
    {
        var user = await UserAsync();
        using var browser = await SignedInAsync(user, Chrome);
        var mine = (await SessionsAsync(user)).Single().Id;

        using var response = await browser.PostWithTokenAsync($"/profile/sessions/{mine}/end", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("That is this browser", (await browser.GetDocumentAsync("/profile")).QuerySelector("#status-message")!.TextContent);
        Assert.Null((await SessionsAsync(user)).Single().EndedAt);
    }

    [Fact]
    public async Task SigningOutAllOtherBrowsers_KeepsThisOne()
    {
        var user = await UserAsync();
        using var laptop = await SignedInAsync(user, Chrome);
        using var phone = await SignedInAsync(user, Firefox);
        using var tablet = await SignedInAsync(user, Firefox);

        using var ended = await laptop.ClickAsync("/profile", "#end-other-sessions");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync("/profile")).StatusCode);
        Assert.Single((await laptop.GetDocumentAsync("/profile")).QuerySelectorAll("#session-list [data-session-id]"));
    }

    [Fact]
    public async Task TheSessionForms_AreForSignedInUsersOnly()
    {
        using var anonymous = fixture.NewBrowser();
        var token = (await anonymous.GetDocumentAsync("/login")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        foreach (var url in new[] { $"/profile/sessions/{Guid.NewGuid()}/end", "/profile/sessions/end-others" })
        {
            using var response = await anonymous.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/login", response.Headers.Location!.ToString());
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SessionsSqliteTests(SqlitePortal fixture) : SessionsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SessionsPostgresTests(PostgresPortal fixture) : SessionsTests(fixture);
