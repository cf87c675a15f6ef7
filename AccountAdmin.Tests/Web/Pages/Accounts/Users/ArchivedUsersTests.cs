using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

public abstract class ArchivedUsersTests(PortalFixture fixture)
{
    private async Task<(Account Account, AppUser Owner, AppUser Removed)> RemovedAsync()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner"), await data.MemberAsync(account, AccountRole.CallAgent, "Rita", "Removed"));
        });
        await fixture.WithDataAsync(async data =>
        {
            await using var scope = fixture.Portal.Services.CreateAsyncScope();
            Assert.True((await scope.ServiceProvider.GetRequiredService<IUserAdministration>().RemoveAsync(owner.Id, account.Id, agent.Id)).Succeeded);
        });
        return (account, owner, agent);
    }

    private async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    [Fact]
    public async Task ArchivedUsers_ListsWhoWasRemoved_WhenAndByWhom()
    {
        var (account, owner, removed) = await RemovedAsync();
        using var browser = await SignedInAsync(owner);

        var page = await browser.GetDocumentAsync($"/accounts/{account.Id}/users/archived");

        var row = page.QuerySelector($"#archived tr[data-user-id='{removed.Id}']")!;
        Assert.Equal("Rita Removed", row.QuerySelector(".fw-semibold")!.TextContent.Trim());
        Assert.Contains("by Olga Owner", row.Children[3].TextContent);
        Assert.Contains("password cleared", row.Children[3].TextContent);
        Assert.Equal("Archived Users", page.QuerySelector("#user-tabs .active")!.TextContent.Trim());
    }

    [Fact]
    public async Task Restore_BringsTheUserBack_AndTheSetPasswordLinkLetsThemSignIn()
    {
        var (account, owner, removed) = await RemovedAsync();
        using var browser = await SignedInAsync(owner);
        var page = await browser.GetDocumentAsync($"/accounts/{account.Id}/users/archived");
        var form = (IHtmlFormElement)page.QuerySelector($"#archived tr[data-user-id='{removed.Id}'] form")!;
        form.SetAttribute("action", form.GetAttribute("action") ?? $"/accounts/{account.Id}/users/archived?handler=Restore");

        using var response = await browser.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var users = await browser.GetDocumentAsync($"/accounts/{account.Id}/users");
        Assert.NotNull(users.QuerySelector($"tr[data-user-id='{removed.Id}']"));
        var mail = await fixture.WithDataAsync(data => data.Db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == removed.Email && m.Subject.Contains("restored your access to")));
        var link = TestData.LinkIn(mail.TextBody, "/invitation/");

        using var asRestored = fixture.NewBrowser();
        var accept = await asRestored.GetDocumentAsync(link.PathAndQuery);
        Assert.Contains("at least 12 characters", accept.QuerySelector("#password-rules")!.TextContent);
        using var mismatch = await asRestored.PostFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Password"] = "Fresh-Pass-2026!",
            ["Input.ConfirmPassword"] = "Other-Pass-2026!",
        });
        Assert.Contains("not the same", Browser.Parse(await mismatch.Content.ReadAsStringAsync())
            .QuerySelector("[data-valmsg-for='Input.ConfirmPassword']")!.TextContent);
        using var weak = await asRestored.PostFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        Assert.Contains("at least 12 characters", Browser.Parse(await weak.Content.ReadAsStringAsync())
            .QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent);

        using var set = await asRestored.PostFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Password"] = "Fresh-Pass-2026!",
            ["Input.ConfirmPassword"] = "Fresh-Pass-2026!",
        });

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var home = await asRestored.GetDocumentAsync("/");
        Assert.Contains($"/accounts/{account.Id}", home.QuerySelectorAll("#account-list a").Select(a => a.GetAttribute("href")));
        var again = await fixture.NewBrowser().GetDocumentAsync(link.PathAndQuery);
        Assert.NotNull(again.QuerySelector("#link-expired"));
        Assert.Null(again.QuerySelector("form[method=post] #Input_Password"));
    }

    [Fact]
    public async Task TheSetPasswordLink_OfARestoredUserWithTwoFactor_AsksForTheCode_AndSignsNobodyInWithoutIt()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
        });
        await fixture.WithDataAsync(data => data.TwoFactorAsync(agent));
        await fixture.WithDataAsync(async data =>
        {
            await using var scope = fixture.Portal.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<IUserAdministration>();
            Assert.True((await users.RemoveAsync(owner.Id, account.Id, agent.Id)).Succeeded);
            Assert.True((await users.RestoreAsync(owner.Id, account.Id, agent.Id)).Succeeded);
        });
        var mail = await fixture.WithDataAsync(data => data.Db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email && m.Subject.Contains("restored your access to")));
        var link = TestData.LinkIn(mail.TextBody, "/invitation/");
        using var browser = fixture.NewBrowser();

        using var set = await browser.PostFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Password"] = "Fresh-Pass-2026!",
            ["Input.ConfirmPassword"] = "Fresh-Pass-2026!",
        });

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/login/two-factor", set.Headers.Location!.OriginalString);
        var step = await browser.GetDocumentAsync("/login/two-factor");
        Assert.Contains("Enter the code from your authenticator app", step.QuerySelector("#status-message")!.TextContent);
        using var home = await browser.GetAsync($"/accounts/{account.Id}/users");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/login", home.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ArchivedUsers_AndRestore_AreRefusedWithoutManageUsers_AndAcrossAccounts()
    {
        var (account, _, removed) = await RemovedAsync();
        var (otherAccount, otherOwner) = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            return (other, await data.MemberAsync(other, AccountRole.Owner));
        });
        var agent = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.CallAgent));
        using var asAgent = await SignedInAsync(agent);
        using var asOther = await SignedInAsync(otherOwner);

        await asAgent.GetDocumentAsync($"/accounts/{account.Id}/users/archived", HttpStatusCode.Forbidden);
        await asOther.GetDocumentAsync($"/accounts/{account.Id}/users/archived", HttpStatusCode.Forbidden);
        var token = (await asOther.GetDocumentAsync($"/accounts/{otherAccount.Id}/users/archived"))
            .QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        FormUrlEncodedContent Form() => new(new Dictionary<string, string> { ["userId"] = removed.Id.ToString(), ["__RequestVerificationToken"] = token });
        using var there = await asOther.Client.PostAsync($"/accounts/{account.Id}/users/archived?handler=Restore", Form());
        using var mine = await asOther.Client.PostAsync($"/accounts/{otherAccount.Id}/users/archived?handler=Restore", Form());

        Assert.Equal(HttpStatusCode.Forbidden, there.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mine.StatusCode);
        await fixture.WithDataAsync(async data =>
            Assert.NotNull((await data.Db.Memberships.AsNoTracking().SingleAsync(m => m.AccountId == account.Id && m.UserId == removed.Id)).EndedAt));
    }

    [Fact]
    public async Task InvitationPage_WithABadToken_SaysSo_AndOffersNoForm()
    {
        using var browser = fixture.NewBrowser();

        var page = await browser.GetDocumentAsync("/invitation/not-a-real-token");
        using var post = await browser.Client.PostAsync("/invitation/not-a-real-token", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.NotNull(page.QuerySelector("#link-expired"));
        Assert.Null(page.QuerySelector("#Input_Password"));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ArchivedUsersSqliteTests(SqlitePortal fixture) : ArchivedUsersTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ArchivedUsersPostgresTests(PostgresPortal fixture) : ArchivedUsersTests(fixture);
