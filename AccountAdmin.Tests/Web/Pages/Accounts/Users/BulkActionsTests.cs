using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

public abstract class BulkActionsTests(PortalFixture fixture)
{
    private sealed record World(Account Account, AppUser Owner, AppUser CoOwner, AppUser Agent, AppUser Manager, AppUser Reporter);

    private Task<World> WorldAsync() =>
        fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return new World(
                account,
                await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner"),
                await data.MemberAsync(account, AccountRole.Owner, "Otto", "Owner"),
                await data.MemberAsync(account, AccountRole.CallAgent, "Ann", "Agent"),
                await data.MemberAsync(account, AccountRole.CallManager, "Max", "Manager"),
                await data.MemberAsync(account, AccountRole.ReportManager, "Rita", "Reporter"));
        });

    private async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private static string UsersUrl(Account account) => $"/accounts/{account.Id}/users";

    private Task<Dictionary<Guid, Membership>> MembershipsAsync(Account account) =>
        fixture.WithDataAsync(data => data.Db.Memberships.AsNoTracking().Where(m => m.AccountId == account.Id).ToDictionaryAsync(m => m.UserId));

    /// <summary>Ticks the rows of <paramref name="users"/> on Manage Users, chooses the action and presses Continue.</summary>
    private static async Task<(HttpResponseMessage Response, IHtmlDocument List)> ContinueAsync(
        Browser browser, string listUrl, IEnumerable<AppUser> users, string action, string? role = null, bool all = false)
    {
        var list = await browser.GetDocumentAsync(listUrl);
        foreach (var user in users)
        {
            list.QuerySelector<IHtmlInputElement>($"input[name=userIds][value='{user.Id}']")!.IsChecked = true;
        }

        if (all)
        {
            list.QuerySelector<IHtmlInputElement>("#bulk-all")!.IsChecked = true;
        }

        var values = new Dictionary<string, string> { ["bulkAction"] = action };
        if (role is not null)
        {
            values["newRole"] = role;
        }

        return (await browser.ClickAsync(list, listUrl, "#bulk-continue", values), list);
    }

    private static async Task<IHtmlDocument> DocumentAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Browser.Parse(await response.Content.ReadAsStringAsync());
        return document;
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(Browser browser, IHtmlDocument confirmation, string url)
    {
        var form = confirmation.QuerySelector<IHtmlFormElement>("#bulk-confirm")!;
        form.SetAttribute("action", url + "?handler=Apply");
        return await browser.SubmitAsync(form);
    }

    [Fact]
    public async Task TickedRows_Suspend_ConfirmationSaysWhoAndWhoNotAndWhy_ThenSuspendsAndSaysSo()
    {
        var w = await WorldAsync();
        using var owner = await SignedInAsync(w.Owner);

        var (response, list) = await ContinueAsync(owner, UsersUrl(w.Account), [w.Agent, w.Manager, w.CoOwner, w.Owner], "Suspend");
        var confirmation = await DocumentAsync(response);

        Assert.Equal("5 users", list.QuerySelector("#user-total")!.TextContent.Trim());
        Assert.Equal($"Suspend 2 users in {w.Account.Name}?", confirmation.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Ann Agent", "Max Manager"], confirmation.QuerySelectorAll("#bulk-changes li").Select(li => li.FirstChild!.TextContent.Trim()));
        var refusals = confirmation.QuerySelector("#bulk-refusals")!.TextContent;
        Assert.Contains(BulkUserErrors.Owner, refusals);
        Assert.Contains("Otto Owner", refusals);
        Assert.Contains(BulkUserErrors.Yourself, refusals);
        Assert.Equal("Suspend 2 users", confirmation.QuerySelector("#confirm-bulk")!.TextContent.Trim());
        Assert.Equal(MembershipStatus.Active, (await MembershipsAsync(w.Account))[w.Agent.Id].Status);

        using var applied = await ConfirmAsync(owner, confirmation, $"{UsersUrl(w.Account)}/bulk-actions");

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var after = await owner.GetDocumentAsync(applied.Headers.Location!.OriginalString);
        Assert.Equal(
            $"Suspended 2 users in {w.Account.Name}: Ann Agent and Max Manager. They have been e-mailed. 2 users left as they were.",
            after.QuerySelector("#status-message")!.TextContent.Trim());
        var memberships = await MembershipsAsync(w.Account);
        Assert.Equal(MembershipStatus.Suspended, memberships[w.Agent.Id].Status);
        Assert.Equal(MembershipStatus.Suspended, memberships[w.Manager.Id].Status);
        Assert.Equal(MembershipStatus.Active, memberships[w.CoOwner.Id].Status);
        Assert.Equal("Suspended", after.QuerySelector($"tr[data-user-id='{w.Agent.Id}'] td[data-label='Status']")!.TextContent.Trim());
    }

    [Fact]
    public async Task AllMatchingTheSearch_ChangesEveryUserItFinds_OnEveryPage_AndNoOneElse()
    {
        var w = await WorldAsync();
        var found = await fixture.WithDataAsync(async data =>
        {
            var users = new List<AppUser>();
            for (var i = 0; i < 27; i++)
            {
                users.Add(await data.MemberAsync(w.Account, AccountRole.CallAgent, "Pat", $"Bulkfind{i:00}"));
            }

            return users;
        });
        using var owner = await SignedInAsync(w.Owner);
        var listUrl = $"{UsersUrl(w.Account)}?q=bulkfind&size=25";

        var (response, list) = await ContinueAsync(owner, listUrl, [], "ChangeRole", "CallManager", all: true);
        var confirmation = await DocumentAsync(response);
        using var applied = await ConfirmAsync(owner, confirmation, $"{UsersUrl(w.Account)}/bulk-actions");

        Assert.Equal("27 users found", list.QuerySelector("#user-total")!.TextContent.Trim());
        Assert.Equal(25, list.QuerySelectorAll("#users tbody tr").Length);
        Assert.Contains("all 27 users this search finds", list.QuerySelector("label[for=bulk-all]")!.TextContent);
        Assert.Equal($"Make 27 users Call Manager in {w.Account.Name}?", confirmation.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(listUrl, applied.Headers.Location!.OriginalString);
        var memberships = await MembershipsAsync(w.Account);
        Assert.All(found, u => Assert.Equal(AccountRole.CallManager, memberships[u.Id].Role));
        Assert.Equal(AccountRole.CallAgent, memberships[w.Agent.Id].Role);
        var after = await owner.GetDocumentAsync(listUrl);
        Assert.StartsWith($"Role in {w.Account.Name} changed to Call Manager for 27 users: Pat Bulkfind00, ", after.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Equal(27, await fixture.WithDataAsync(data => data.Db.AuditEvents.CountAsync(e => e.AccountId == w.Account.Id && e.Action == AuditActions.RoleChanged)));
    }

    [Fact]
    public async Task AConfirmationOverTakenByAnotherChange_ChangesNothing_AndShowsTheNewPlanWithAMessage()
    {
        var w = await WorldAsync();
        using var owner = await SignedInAsync(w.Owner);
        using var coOwner = await SignedInAsync(w.CoOwner);
        var (response, _) = await ContinueAsync(owner, UsersUrl(w.Account), [w.Agent, w.Manager], "Remove");
        var confirmation = await DocumentAsync(response);
        var (other, _) = await ContinueAsync(coOwner, UsersUrl(w.Account), [w.Agent], "Remove");
        using var removed = await ConfirmAsync(coOwner, await DocumentAsync(other), $"{UsersUrl(w.Account)}/bulk-actions");

        using var applied = await ConfirmAsync(owner, confirmation, $"{UsersUrl(w.Account)}/bulk-actions");

        var again = await DocumentAsync(applied);
        Assert.Contains(BulkUserErrors.Changed.Message, again.QuerySelector("#bulk-error")!.TextContent);
        Assert.Equal($"Remove 1 user from {w.Account.Name}?", again.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("1 chosen user is not in this account", again.QuerySelector("#bulk-unknown")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null((await MembershipsAsync(w.Account))[w.Manager.Id].EndedAt);
        Assert.Equal(w.CoOwner.Id, (await MembershipsAsync(w.Account))[w.Agent.Id].EndedById);
    }

    [Fact]
    public async Task NothingTicked_GoesBackToTheListWithTheReason()
    {
        var w = await WorldAsync();
        using var owner = await SignedInAsync(w.Owner);

        var (response, _) = await ContinueAsync(owner, UsersUrl(w.Account), [], "Suspend");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await owner.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains(BulkUserErrors.NoneChosen.Message, list.QuerySelector("#status-message")!.TextContent);
    }

    [Fact]
    public async Task ARoleWithoutManageUsers_AndAnotherAccountsOwnerGuessingIds_AreRefused_AndNothingChanges()
    {
        var w = await WorldAsync();
        var other = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            await data.GrantAsync(w.Account, owner, AccountRole.CallAgent);
            return (Account: account, Owner: owner);
        });
        using var reporter = await SignedInAsync(w.Reporter);
        using var outsider = await SignedInAsync(other.Owner);
        var form = new Dictionary<string, string> { ["bulkAction"] = "Remove", ["userIds"] = w.Agent.Id.ToString() };

        using var byReporter = await reporter.PostWithTokenAsync($"{UsersUrl(w.Account)}/bulk-actions", form);
        using var byReporterApply = await reporter.PostWithTokenAsync($"{UsersUrl(w.Account)}/bulk-actions?handler=Apply", form);
        using var byAgentThere = await outsider.PostWithTokenAsync($"{UsersUrl(w.Account)}/bulk-actions?handler=Apply", form);
        using var inOwn = await outsider.PostWithTokenAsync($"/accounts/{other.Account.Id}/users/bulk-actions", form);

        Assert.Equal(HttpStatusCode.Forbidden, byReporter.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byReporterApply.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAgentThere.StatusCode);
        var own = await DocumentAsync(inOwn);
        Assert.Equal("Nothing to change", own.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("1 chosen user is not in this account", own.QuerySelector("#bulk-unknown")!.TextContent);
        Assert.Null((await MembershipsAsync(w.Account))[w.Agent.Id].EndedAt);
    }

    [Theory]
    [InlineData("bulkAction", "99")]
    [InlineData("bulkAction", "Obliterate")]
    [InlineData("newRole", "Owner")]
    [InlineData("newRole", "42")]
    [InlineData("userIds", "not-a-guid")]
    [InlineData("filterStatus", "'; DROP TABLE")]
    public async Task HostileFields_NeverGiveA500_AndChangeNothing(string field, string value)
    {
        var w = await WorldAsync();
        using var owner = await SignedInAsync(w.Owner);
        var form = new Dictionary<string, string> { ["bulkAction"] = "ChangeRole", ["newRole"] = "CallManager", ["userIds"] = w.Agent.Id.ToString(), [field] = value };

        using var preview = await owner.PostWithTokenAsync($"{UsersUrl(w.Account)}/bulk-actions", form);
        using var apply = await owner.PostWithTokenAsync($"{UsersUrl(w.Account)}/bulk-actions?handler=Apply", form);

        Assert.True((int)preview.StatusCode < 500, $"{preview.StatusCode}");
        Assert.True((int)apply.StatusCode < 500, $"{apply.StatusCode}");
        Assert.Equal(AccountRole.CallAgent, (await MembershipsAsync(w.Account))[w.Agent.Id].Role);
    }

    [Fact]
    public async Task TheRowMenu_HoldsEachActionWithItsWords_AndResendingAnInvitationComesBackToTheList()
    {
        var w = await WorldAsync();
        var invited = await fixture.WithDataAsync(data => data.MemberAsync(w.Account, AccountRole.CallAgent, "Ivy", "Invited", withPassword: false));
        using var owner = await SignedInAsync(w.Owner);
        var listUrl = $"{UsersUrl(w.Account)}?q=ivy";

        var list = await owner.GetDocumentAsync(listUrl);
        var row = list.QuerySelector($"tr[data-user-id='{invited.Id}']")!;
        var items = row.QuerySelectorAll("details[data-menu] .aa-menu-item").Select(i => i.TextContent.Trim()).ToList();
        using var resent = await owner.ClickAsync(list, listUrl, $"tr[data-user-id='{invited.Id}'] button[aria-label='Resend invitation to Ivy Invited']");

        Assert.Equal("More actions for Ivy Invited", row.QuerySelector("details[data-menu] summary")!.GetAttribute("aria-label"));
        Assert.Equal(["Log in as", "Resend invitation", "Suspend…", "Remove…"], items);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal(listUrl, resent.Headers.Location!.OriginalString);
        Assert.Equal(1, await fixture.WithDataAsync(data => data.Db.OutboxMessages.CountAsync(m => m.To == invited.Email)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BulkActionsSqliteTests(SqlitePortal fixture) : BulkActionsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class BulkActionsPostgresTests(PostgresPortal fixture) : BulkActionsTests(fixture);
