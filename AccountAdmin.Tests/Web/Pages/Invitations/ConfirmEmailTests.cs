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
        var link = new Uri(body.Split('\n').Single(l => l.Contains("/confirm-email/")).Trim()).PathAndQuery;
        using var anonymous = fixture.NewBrowser();
        var confirmPage = await anonymous.GetDocumentAsync(link);
        var unchangedByTheGet = await fixture.WithDataAsync(data => data.Db.Users.Where(u => u.Id == agent.Id).Select(u => u.Email).SingleAsync());
        using var confirmed = await anonymous.PostFormAsync(link, new Dictionary<string, string>());
        var login = await anonymous.GetDocumentAsync(confirmed.Headers.Location!.OriginalString);
        var reused = await anonymous.GetDocumentAsync(link);

        Assert.Contains(agent.Email!, confirmPage.QuerySelector("#email-change")!.TextContent);
        Assert.Contains(newEmail, confirmPage.QuerySelector("#email-change")!.TextContent);
        Assert.Equal(agent.Email, unchangedByTheGet);
        Assert.Equal("/login", confirmed.Headers.Location!.OriginalString);
        Assert.Contains($"Your e-mail address is now {newEmail}", login.QuerySelector("#status-message")!.TextContent);
        Assert.NotNull(reused.QuerySelector("#link-expired"));
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(newEmail));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(agent.Email!));
        Assert.Null((await owner1.GetDocumentAsync(userUrl)).QuerySelector("#pending-email"));
    }

    [Fact]
    public async Task AnAlteredOrMadeUpLink_ChangesNothing_AndSaysSo()
    {
        using var browser = fixture.NewBrowser();

        var page = await browser.GetDocumentAsync("/confirm-email/not-a-real-token");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]");
        using var posted = await browser.Client.PostAsync("/confirm-email/QUFBQQ", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.NotNull(page.QuerySelector("#link-expired"));
        Assert.Null(page.QuerySelector("#confirm-email"));
        Assert.Null(token);
        Assert.Contains(posted.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.OK });
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConfirmEmailSqliteTests(SqlitePortal fixture) : ConfirmEmailTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ConfirmEmailPostgresTests(PostgresPortal fixture) : ConfirmEmailTests(fixture);
