using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Invitations;

/// <summary>A changed e-mail address takes effect only from the link sent to it: /confirm-email/{token}.</summary>
public abstract class ConfirmEmailTests(PortalFixture fixture)
{
    private async Task<HttpStatusCode> SignInStatusAsync(string name)
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.PostFormAsync("/login", new Dictionary<string, string> { ["Input.SignInName"] = name, ["Input.Password"] = TestData.Password });
        return response.StatusCode;
    }

    [Fact]
    public async Task AnAdministratorsChange_WaitsForTheNewAddress_ThenItSignsIn_AndTheOldOneNoLonger()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent, "Cara", "Changed"));
        });
        var newEmail = $"{TestData.Unique("cara")}@test.example";
        using var owner1 = await fixture.SignedInAsync(owner);
        var userUrl = $"/accounts/{account.Id}/users/{agent.Id}";

        using var saved = await owner1.PostFormAsync(userUrl, new Dictionary<string, string> { ["Input.Email"] = newEmail }, "#profile-form");
        var page = await owner1.GetDocumentAsync(userUrl);

        Assert.Contains($"changes to {newEmail} once that address confirms it", page.QuerySelector("#status-message")!.TextContent);
        Assert.Contains(newEmail, page.QuerySelector("#pending-email")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(agent.Email!));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(newEmail));

        var body = await fixture.WithDataAsync(data => data.Db.OutboxMessages.Where(m => m.To == newEmail).Select(m => m.TextBody).SingleAsync());
        var link = TestData.LinkIn(body, "/confirm-email/").PathAndQuery;
        using var anonymous = fixture.NewBrowser();
        using var stranger = await anonymous.GetAsync(link);
        var ownersView = await owner1.GetDocumentAsync(link);
        using var agentBrowser = await fixture.SignedInAsync(agent);
        var confirmPage = await agentBrowser.GetDocumentAsync(link);
        var unchangedByTheGet = await fixture.WithDataAsync(data => data.Db.Users.Where(u => u.Id == agent.Id).Select(u => u.Email).SingleAsync());
        using var confirmed = await agentBrowser.PostFormAsync(link, new Dictionary<string, string>());
        var login = await agentBrowser.GetDocumentAsync(confirmed.Headers.Location!.OriginalString);
        using var afterwards = await agentBrowser.GetAsync($"/accounts/{account.Id}/users/{agent.Id}");

        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/login?returnUrl=", stranger.Headers.Location!.OriginalString);
        Assert.NotNull(ownersView.QuerySelector("#someone-else"));
        Assert.DoesNotContain(newEmail, ownersView.Body!.TextContent);
        Assert.Contains(agent.Email!, confirmPage.QuerySelector("#email-change")!.TextContent);
        Assert.Contains(newEmail, confirmPage.QuerySelector("#email-change")!.TextContent);
        Assert.Equal(agent.Email, unchangedByTheGet);
        Assert.Equal("/login", confirmed.Headers.Location!.OriginalString);
        Assert.Contains($"Your e-mail address is now {newEmail}", login.QuerySelector("#status-message")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(newEmail));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(agent.Email!));
        using var again = fixture.NewBrowser();
        await again.SignInAsync(newEmail);
        Assert.NotNull((await again.GetDocumentAsync(link)).QuerySelector("#link-expired"));
        Assert.Null((await owner1.GetDocumentAsync(userUrl)).QuerySelector("#pending-email"));
    }

    [Fact]
    public async Task AnAlteredOrMadeUpLink_ChangesNothing_AndSaysSo()
    {
        var user = await fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent));
        using var browser = await fixture.SignedInAsync(user);

        var page = await browser.GetDocumentAsync("/confirm-email/not-a-real-token");
        using var posted = await browser.PostWithTokenAsync("/confirm-email/QUFBQQ", new Dictionary<string, string>());

        Assert.NotNull(page.QuerySelector("#link-expired"));
        Assert.Null(page.QuerySelector("#confirm-email"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.NotNull(Browser.Parse(await posted.Content.ReadAsStringAsync()).QuerySelector("#link-expired"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConfirmEmailSqliteTests(SqlitePortal fixture) : ConfirmEmailTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ConfirmEmailPostgresTests(PostgresPortal fixture) : ConfirmEmailTests(fixture);
