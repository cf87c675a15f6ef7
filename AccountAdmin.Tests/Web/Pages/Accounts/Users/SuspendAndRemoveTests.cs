using AccountAdmin.Core.Audit;
using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

public abstract class SuspendAndRemoveTests(PortalFixture fixture)
{
    private async Task<(Account Account, AppUser Owner, AppUser Agent)> AccountAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent, "Sam", "Target"));
        });

    private async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private Task<Membership> MembershipAsync(Account account, AppUser user) =>
        fixture.WithDataAsync(data => data.Db.Memberships.AsNoTracking().SingleAsync(m => m.AccountId == account.Id && m.UserId == user.Id));

    /// <summary>Presses a row's button on Manage Users, as a browser would.</summary>
    private static async Task<HttpResponseMessage> PressAsync(Browser browser, Account account, string label)
    {
        var url = $"/accounts/{account.Id}/users";
        var page = await browser.GetDocumentAsync(url);
        var button = page.QuerySelector($"button[aria-label='{label}']") as IHtmlButtonElement
            ?? throw new InvalidOperationException($"No button {label}.");
        var form = (IHtmlFormElement)button.Form!;
        form.SetAttribute("action", button.GetAttribute("formaction")!);
        return await browser.SubmitAsync(form, new Dictionary<string, string> { [button.Name!] = button.Value });
    }

    [Fact]
    public async Task Suspend_FromTheList_RefusesTheUsersNextRequest_AndSaysSo()
    {
        var (account, owner, agent) = await AccountAsync();
        using var asOwner = await SignedInAsync(owner);
        using var asAgent = await SignedInAsync(agent);
        await asAgent.GetDocumentAsync($"/accounts/{account.Id}");

        var list0 = await asOwner.GetDocumentAsync($"/accounts/{account.Id}/users");
        var confirmUrl = list0.QuerySelector("a[aria-label='Suspend Sam Target']")!.GetAttribute("href")!;
        var confirm = await asOwner.GetDocumentAsync(confirmUrl);
        Assert.Contains($"Suspend Sam Target in {account.Name}?", confirm.QuerySelector("h1")!.TextContent);
        Assert.Equal(MembershipStatus.Active, (await MembershipAsync(account, agent)).Status);
        using var response = await asOwner.PostFormAsync(confirmUrl, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/accounts/{account.Id}/users", response.Headers.Location?.OriginalString);
        var list = await asOwner.GetDocumentAsync($"/accounts/{account.Id}/users");
        Assert.Contains($"Sam Target is suspended in {account.Name}", list.QuerySelector("#status-message")!.TextContent);
        Assert.Equal("Suspended", list.QuerySelector($"tr[data-user-id='{agent.Id}']")!.Children[4].TextContent.Trim());
        Assert.Equal(MembershipStatus.Suspended, (await MembershipAsync(account, agent)).Status);
        await asAgent.GetDocumentAsync($"/accounts/{account.Id}", HttpStatusCode.Forbidden);

        using var unsuspend = await PressAsync(asOwner, account, "Unsuspend Sam Target");
        Assert.Equal(HttpStatusCode.Redirect, unsuspend.StatusCode);
        await asAgent.GetDocumentAsync($"/accounts/{account.Id}");
    }

    [Fact]
    public async Task OwnRow_OnlyEdits_AndAForgedSelfSuspendIsRefusedWithAMessage()
    {
        var (account, owner, _) = await AccountAsync();
        using var browser = await SignedInAsync(owner);
        var list = await browser.GetDocumentAsync($"/accounts/{account.Id}/users");
        var actions = list.QuerySelector($"tr[data-user-id='{owner.Id}']")!.QuerySelectorAll("button, a.btn");
        Assert.Equal($"/accounts/{account.Id}/users/{owner.Id}", Assert.Single(actions).GetAttribute("href"));

        using var response = await browser.PostWithTokenAsync($"/accounts/{account.Id}/users/{owner.Id}/suspend", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("can't suspend or unsuspend yourself", after.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(MembershipStatus.Active, (await MembershipAsync(account, owner)).Status);
    }

    [Fact]
    public async Task Suspend_ByARoleWithoutManageUsers_IsForbidden()
    {
        var (account, _, agent) = await AccountAsync();
        var reporter = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.ReportManager));
        using var asReporter = await SignedInAsync(reporter);
        var reporterToken = (await asReporter.GetDocumentAsync($"/accounts/{account.Id}"))
            .QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        using var response = await asReporter.Client.PostAsync(
            $"/accounts/{account.Id}/users/{agent.Id}/suspend",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = reporterToken }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(MembershipStatus.Active, (await MembershipAsync(account, agent)).Status);
    }

    [Fact]
    public async Task OwnerOfAnotherAccount_PostingGuessedIds_IsForbidden_AndNotFoundInTheirOwn()
    {
        var (account, _, agent) = await AccountAsync();
        var (otherAccount, otherOwner, _) = await AccountAsync();
        using var browser = await SignedInAsync(otherOwner);
        var token = (await browser.GetDocumentAsync($"/accounts/{otherAccount.Id}/users"))
            .QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        FormUrlEncodedContent Form() => new(new Dictionary<string, string> { ["userId"] = agent.Id.ToString(), ["__RequestVerificationToken"] = token });

        using var there = await browser.Client.PostAsync($"/accounts/{account.Id}/users/{agent.Id}/suspend", Form());
        using var mine = await browser.Client.PostAsync($"/accounts/{otherAccount.Id}/users/{agent.Id}/suspend", Form());
        using var remove = await browser.Client.PostAsync($"/accounts/{account.Id}/users/{agent.Id}/remove", Form());

        Assert.Equal(HttpStatusCode.Forbidden, there.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.Equal(MembershipStatus.Active, (await MembershipAsync(account, agent)).Status);
        Assert.Null((await MembershipAsync(account, agent)).EndedAt);
    }

    [Fact]
    public async Task Remove_AsksForConfirmation_ThenRemoves_AndTheUserIsEmailed()
    {
        var (account, owner, agent) = await AccountAsync();
        using var browser = await SignedInAsync(owner);
        var list = await browser.GetDocumentAsync($"/accounts/{account.Id}/users");
        var confirmUrl = list.QuerySelector("a[aria-label='Remove Sam Target']")!.GetAttribute("href")!;

        var confirm = await browser.GetDocumentAsync(confirmUrl);
        Assert.Contains($"Remove Sam Target from {account.Name}?", confirm.QuerySelector("h1")!.TextContent);
        Assert.Null((await MembershipAsync(account, agent)).EndedAt);

        using var response = await browser.PostFormAsync(confirmUrl, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await MembershipAsync(account, agent)).EndedAt);
        var after = await browser.GetDocumentAsync($"/accounts/{account.Id}/users");
        Assert.Contains("was removed", after.QuerySelector("#status-message")!.TextContent);
        Assert.Null(after.QuerySelector($"tr[data-user-id='{agent.Id}']"));
        await fixture.WithDataAsync(async data =>
            Assert.True(await data.Db.OutboxMessages.AnyAsync(m => m.To == agent.Email && m.Subject.Contains(account.Name))));
    }

    [Fact]
    public async Task RemovingAnOwner_IsRefusedOnThePage_WithTheReason()
    {
        var (account, owner, _) = await AccountAsync();
        var secondOwner = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Owner));
        using var browser = await SignedInAsync(owner);

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/{secondOwner.Id}/remove", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("An Owner can't be removed directly", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Null((await MembershipAsync(account, secondOwner)).EndedAt);
    }

    [Fact]
    public async Task RemovePage_ForANonMember_IsNotFound_AndForAnAgent_Forbidden()
    {
        var (account, owner, agent) = await AccountAsync();
        var stranger = await fixture.WithDataAsync(data => data.UserAsync("stranger"));
        using var asOwner = await SignedInAsync(owner);
        using var asAgent = await SignedInAsync(agent);

        await asOwner.GetDocumentAsync($"/accounts/{account.Id}/users/{stranger.Id}/remove", HttpStatusCode.NotFound);
        await asOwner.GetDocumentAsync($"/accounts/{account.Id}/users/not-a-guid/remove", HttpStatusCode.NotFound);
        await asAgent.GetDocumentAsync($"/accounts/{account.Id}/users/{owner.Id}/remove", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Remove_WithoutAntiforgeryToken_IsRejected()
    {
        var (account, owner, agent) = await AccountAsync();
        using var browser = await SignedInAsync(owner);

        using var response = await browser.Client.PostAsync(
            $"/accounts/{account.Id}/users/{agent.Id}/remove", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await MembershipAsync(account, agent)).EndedAt);
    }

    [Fact]
    public async Task TwentyFiveRemoveClicksAtOnce_RemoveOnce_WithOneEmailAndOneAuditEvent()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            var agent = await data.MemberAsync(account, AccountRole.CallAgent);
            await data.GrantAsync(await data.AccountAsync(), agent, AccountRole.CallAgent);
            return (account, owner, agent);
        });
        using var browser = await fixture.SignedInAsync(owner);
        var form = await browser.GetDocumentAsync($"/accounts/{account.Id}/users/{agent.Id}/remove");
        var token = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Task.Run(async () =>
        {
            using var response = await browser.Client.PostAsync(
                $"/accounts/{account.Id}/users/{agent.Id}/remove",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            return response.StatusCode;
        })));

        Assert.All(responses, r => Assert.True((int)r < 500, $"{(int)r}"));
        Assert.Equal(1, await fixture.WithDataAsync(data => data.Db.AuditEvents.CountAsync(e => e.Action == AuditActions.MembershipEnded && e.TargetUserId == agent.Id)));
        Assert.Equal(1, await fixture.WithDataAsync(data => data.Db.OutboxMessages.CountAsync(m => m.To == agent.Email)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SuspendAndRemoveSqliteTests(SqlitePortal fixture) : SuspendAndRemoveTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SuspendAndRemovePostgresTests(PostgresPortal fixture) : SuspendAndRemoveTests(fixture);
