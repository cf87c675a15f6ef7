using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Profile;

/// <summary>Support staff without a second factor can do nothing but set one up: every other page leads there.</summary>
public abstract class TwoFactorRequiredTests(PortalFixture fixture)
{
    private const string SetupUrl = "/profile/two-factor";

    private Task<(AppUser Support, Account Account, AppUser Agent)> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var support = await data.UserAsync("support", "Sam", "Support");
        (await data.Db.Users.SingleAsync(u => u.Id == support.Id)).MakeSupportStaff();
        await data.Db.SaveChangesAsync();
        var account = await data.AccountAsync();
        return (support, account, await data.MemberAsync(account, AccountRole.CallAgent));
    });

    [Fact]
    public async Task SupportStaffWithoutASecondFactor_AreLedToSetItUp_FromEveryPage_UntilTheyHave()
    {
        var (support, account, agent) = await WorldAsync();
        using var browser = fixture.NewBrowser();

        using var signedIn = await browser.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = support.Email!,
            ["Input.Password"] = TestData.Password,
        });
        var elsewhere = new List<string?>();
        foreach (var url in new[] { "/", "/support", "/profile", $"/impersonation/start?accountId={account.Id}&userId={agent.Id}", "/support/audit" })
        {
            using var response = await browser.GetAsync(url);
            elsewhere.Add(response.Headers.Location?.OriginalString);
        }

        var setup = await browser.GetDocumentAsync(SetupUrl);
        var token = setup.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var impersonate = await browser.Client.PostAsync($"/impersonation/start?accountId={account.Id}&userId={agent.Id}", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Reason"] = "Ticket 1", ["__RequestVerificationToken"] = token }));

        Assert.Equal(SetupUrl, signedIn.Headers.Location?.OriginalString);
        Assert.All(elsewhere, location => Assert.Equal(SetupUrl, location));
        Assert.NotNull(setup.QuerySelector("#two-factor-required"));
        // The page offers nowhere that would only lead back to it, but still lets them sign out.
        Assert.Null(setup.QuerySelector("[data-side-nav]"));
        Assert.Null(setup.QuerySelector("#support-console"));
        Assert.Empty(setup.QuerySelectorAll("a[href='/profile'], a[href='/support']"));
        Assert.NotNull(setup.QuerySelector("#sign-out"));
        Assert.Equal(SetupUrl, impersonate.Headers.Location?.OriginalString);
        Assert.False(await fixture.WithDataAsync(data => data.Db.Impersonations.AnyAsync(i => i.UserId == agent.Id)));

        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "");
        using var enabled = await browser.PostFormAsync(SetupUrl, new Dictionary<string, string> { ["Input.Code"] = Totp.Now(key) }, "#enable-two-factor-form");

        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/support")).StatusCode);
        var afterwards = await browser.GetDocumentAsync(SetupUrl);
        Assert.Null(afterwards.QuerySelector("#two-factor-required"));
        Assert.NotNull(afterwards.QuerySelector("#support-console"));
    }

    [Fact]
    public async Task SupportStaffWithoutASecondFactor_CanStillSignOut()
    {
        var (support, _, _) = await WorldAsync();
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(support.Email!);

        using var signedOut = await browser.PostFormAsync("/logout", new Dictionary<string, string>());

        Assert.Equal("/login", signedOut.Headers.Location?.OriginalString);
        Assert.Contains("/login", (await browser.GetAsync("/profile")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task OtherUsersWithoutASecondFactor_AreNotLedAnywhere()
    {
        var (_, account, agent) = await WorldAsync();
        using var browser = await fixture.SignedInAsync(agent);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/accounts/{account.Id}")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TwoFactorRequiredSqliteTests(SqlitePortal fixture) : TwoFactorRequiredTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TwoFactorRequiredPostgresTests(PostgresPortal fixture) : TwoFactorRequiredTests(fixture);
