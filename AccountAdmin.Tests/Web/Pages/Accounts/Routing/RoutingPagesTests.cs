using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Routing;

/// <summary>Account Settings' routing: a queue with agents in order, moved and taken out without script; stale forms; who may not.</summary>
public abstract class RoutingPagesTests(PortalFixture fixture)
{
    private sealed record Scene(Account Account, Account Sibling, AppUser Admin, AppUser Ann, AppUser Ben, AppUser Manager, AppUser SiblingOwner, AppUser Stranger, RoutingMethod SiblingQueue);

    private Task<Scene> SceneAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var sibling = await data.AccountAsync(agency);
        var siblingQueue = new RoutingMethod(sibling.Id, "Sibling queue", RoutingKind.Queue);
        data.Db.RoutingMethods.Add(siblingQueue);
        await data.Db.SaveChangesAsync();
        return new Scene(account, sibling,
            await data.MemberAsync(account, AccountRole.Administrator),
            await data.MemberAsync(account, AccountRole.CallAgent, "Ann", "One"),
            await data.MemberAsync(account, AccountRole.CallAgent, "Ben", "Two"),
            await data.MemberAsync(account, AccountRole.CallManager),
            await data.MemberAsync(sibling, AccountRole.Owner),
            await data.MemberAsync(await data.AccountAsync(await data.AgencyAsync()), AccountRole.Owner),
            siblingQueue);
    });

    private static string Routing(Account account) => $"/accounts/{account.Id}/settings/routing";

    private static string[] Agents(IHtmlDocument page) => page.QuerySelectorAll("#agents li a").Select(a => a.TextContent).ToArray();

    [Fact]
    public async Task AnAdministrator_MakesAQueue_AddsTwoAgents_ReordersThemWithoutScript_AndAStalePageIsRefused()
    {
        var s = await SceneAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);

        using var created = await browser.PostFormAsync(Routing(s.Account), new Dictionary<string, string> { ["Name"] = "Sales", ["Kind"] = "Queue" }, "#new-routing-form");
        var url = created.Headers.Location!.OriginalString;
        var page = await browser.GetDocumentAsync(url);
        Assert.Equal($"The Queue Sales was created in {s.Account.Name}. Now add its agents.", page.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Equal(["Ann One", "Ben Two"], page.QuerySelectorAll("#add-form .form-check-label").Select(l => l.TextContent.Trim()));

        var add = (IHtmlFormElement)page.QuerySelector("#add-form")!;
        foreach (var box in add.QuerySelectorAll<IHtmlInputElement>("input[type=checkbox]"))
        {
            box.IsChecked = true;
        }

        using var added = await browser.SubmitAsync(add);
        page = await browser.GetDocumentAsync(url);
        Assert.Equal(["Ann One", "Ben Two"], Agents(page));
        Assert.Equal(["1.", "2."], page.QuerySelectorAll("#agents [data-place]").Select(p => p.TextContent.Trim()));

        using var moved = await browser.ClickAsync(page, url, $"button[aria-label='Move Ben Two up']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await browser.GetDocumentAsync(url);
        Assert.Equal(["Ben Two", "Ann One"], Agents(after));
        Assert.Equal("Ben Two moved up.", after.QuerySelector("#status-message")!.TextContent.Trim());

        // The page from before the move still says Ann is first: its Take out is refused, and the page shows things as they are.
        using var stale = await browser.ClickAsync(page, url, $"button[aria-label='Take out Ann One']");
        var refused = Browser.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed this routing method's agents", refused.QuerySelector("#routing-refused")!.TextContent);
        Assert.Equal(["Ben Two", "Ann One"], Agents(refused));

        using var takenOut = await browser.ClickAsync(refused, url, $"button[aria-label='Take out Ann One']");
        Assert.Equal(HttpStatusCode.Redirect, takenOut.StatusCode);
        Assert.Equal(["Ben Two"], Agents(await browser.GetDocumentAsync(url)));

        var confirm = await browser.GetDocumentAsync(url + "/delete");
        Assert.Contains("1 agent stops receiving activities through it.", confirm.QuerySelector("main")!.TextContent);
        using var deleted = await browser.PostFormAsync(url + "/delete", new Dictionary<string, string>());
        Assert.Contains("Sales was deleted", (await browser.GetDocumentAsync(deleted.Headers.Location!.OriginalString)).QuerySelector("#status-message")!.TextContent);
        Assert.False(await fixture.WithDataAsync(data => data.Db.RoutingMethods.AnyAsync(m => m.AccountId == s.Account.Id)));
    }

    [Fact]
    public async Task ASuspendedAgent_KeepsTheirPlace_AndTheQueueAndTheirPageSayTheyReceiveNothing()
    {
        var s = await SceneAsync();
        var queue = await fixture.WithDataAsync(async data =>
        {
            var queue = new RoutingMethod(s.Account.Id, "Sales", RoutingKind.Queue);
            data.Db.RoutingMethods.Add(queue);
            data.Db.RoutingAgents.AddRange(new RoutingAgent(queue.Id, s.Ann.Id, 0), new RoutingAgent(queue.Id, s.Ben.Id, 1));
            await data.Db.SaveChangesAsync();
            return queue;
        });
        using var browser = await fixture.SignedInAsync(s.Admin);
        var users = await browser.GetDocumentAsync($"/accounts/{s.Account.Id}/users/{s.Ann.Id}");
        Assert.Null(users.QuerySelector("#routing-suspended"));

        using var suspended = await browser.PostWithTokenAsync($"/accounts/{s.Account.Id}/users/{s.Ann.Id}/suspend", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        var method = await browser.GetDocumentAsync($"{Routing(s.Account)}/{queue.Id}");
        var annsPage = await browser.GetDocumentAsync($"/accounts/{s.Account.Id}/users/{s.Ann.Id}");

        Assert.Equal(["Ann One", "Ben Two"], Agents(method));
        Assert.Equal(
            [(s.Ann.Id.ToString(), "Suspended: receives nothing")],
            method.QuerySelectorAll("#agents li").Where(li => li.QuerySelector("[data-suspended]") is not null)
                .Select(li => (li.GetAttribute("data-user-id")!, li.QuerySelector("[data-suspended]")!.TextContent.Trim())));
        Assert.Contains("receive nothing until they are unsuspended", annsPage.QuerySelector("#routing-suspended")!.TextContent);
        Assert.True(annsPage.QuerySelector<IHtmlInputElement>($"#routing-{queue.Id}")!.IsChecked);
    }

    [Fact]
    public async Task ABigQueue_IsShownAHundredAtATime_NumberedByPlace_AndAMoveStaysOnItsPage()
    {
        var s = await SceneAsync();
        var queue = await fixture.WithDataAsync(async data =>
        {
            var queue = new RoutingMethod(s.Account.Id, "Big", RoutingKind.Queue);
            data.Db.RoutingMethods.Add(queue);
            for (var i = 0; i < 205; i++)
            {
                // Gaps in the positions, as removals leave them.
                var agent = await data.MemberAsync(s.Account, AccountRole.CallAgent, "Agent", $"{i:D3}", withPassword: false);
                data.Db.RoutingAgents.Add(new RoutingAgent(queue.Id, agent.Id, i * 2));
            }

            await data.Db.SaveChangesAsync();
            return queue;
        });
        var url = $"{Routing(s.Account)}/{queue.Id}";
        using var browser = await fixture.SignedInAsync(s.Admin);

        var first = await browser.GetDocumentAsync(url);
        Assert.Contains("(205 agents", first.QuerySelector("#agents-heading")!.TextContent);
        Assert.Equal(100, Agents(first).Length);
        Assert.Equal(("Agent 000", "1."), (Agents(first)[0], first.QuerySelector("#agents [data-place]")!.TextContent.Trim()));
        Assert.Null(first.QuerySelector("#earlier-agents"));
        Assert.Equal("1–100 of 205", first.QuerySelector("#agent-pages span")!.TextContent.Trim());

        var second = await browser.GetDocumentAsync(first.QuerySelector("#later-agents")!.GetAttribute("href")!);
        Assert.Equal(("Agent 100", "Agent 199"), (Agents(second)[0], Agents(second)[^1]));
        Assert.Equal("101.", second.QuerySelector("#agents [data-place]")!.TextContent.Trim());
        var third = await browser.GetDocumentAsync(second.QuerySelector("#later-agents")!.GetAttribute("href")!);
        Assert.Equal(["Agent 200", "Agent 201", "Agent 202", "Agent 203", "Agent 204"], Agents(third));
        Assert.True(third.QuerySelector<IHtmlButtonElement>("button[aria-label='Move Agent 204 down']")!.IsDisabled);
        Assert.False(second.QuerySelector<IHtmlButtonElement>("button[aria-label='Move Agent 100 up']")!.IsDisabled);

        var secondUrl = second.QuerySelector("#later-agents")!.GetAttribute("href")!.Replace("after=398", "after=198");
        using var moved = await browser.ClickAsync(second, secondUrl, "button[aria-label='Move Agent 100 up']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var back = await browser.GetDocumentAsync(moved.Headers.Location!.OriginalString);
        Assert.Equal("Agent 099", Agents(back)[0]);
        var earlier = await browser.GetDocumentAsync(back.QuerySelector("#earlier-agents")!.GetAttribute("href")!);
        Assert.Equal(("Agent 000", "Agent 100"), (Agents(earlier)[0], Agents(earlier)[^1]));
    }

    [Fact]
    public async Task BadInput_IsRefusedAtItsField_AndHostileIdsChangeNothing()
    {
        var s = await SceneAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        using var created = await browser.PostFormAsync(Routing(s.Account), new Dictionary<string, string> { ["Name"] = "Router", ["Kind"] = "SmartRouter" }, "#new-routing-form");
        var url = created.Headers.Location!.OriginalString;

        using var noKind = await browser.PostFormAsync(Routing(s.Account), new Dictionary<string, string> { ["Name"] = "Other", ["Kind"] = "Teleport" }, "#new-routing-form");
        using var duplicate = await browser.PostFormAsync(Routing(s.Account), new Dictionary<string, string> { ["Name"] = "router", ["Kind"] = "Queue" }, "#new-routing-form");
        using var manager = await browser.PostWithTokenAsync(url + "?handler=Add", new Dictionary<string, string> { ["UserIds"] = s.Manager.Id.ToString(), ["Revision"] = "0" });
        using var moveUnknown = await browser.PostWithTokenAsync(url + "?handler=Up", new Dictionary<string, string> { ["userId"] = Guid.NewGuid().ToString(), ["Revision"] = "0" });

        Assert.Equal("Choose Queue, Smart Router or Tracking Number Call Routing.", Browser.Parse(await noKind.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Kind']")!.TextContent.Trim());
        Assert.Equal("The account already has a routing method with this name.", Browser.Parse(await duplicate.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Name']")!.TextContent.Trim());
        Assert.Contains("Only this account's Call Agents", Browser.Parse(await manager.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='UserIds']")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, moveUnknown.StatusCode);
        Assert.Equal(["Router"], await fixture.WithDataAsync(data => data.Db.RoutingMethods.Where(m => m.AccountId == s.Account.Id).Select(m => m.Name).ToListAsync()));
        Assert.False(await fixture.WithDataAsync(data => data.Db.RoutingAgents.AnyAsync(a => a.UserId == s.Manager.Id)));
    }

    [Fact]
    public async Task EveryPageAndHandler_IsRefused_WithoutAccountSettings_ToOtherAccountsAndAgencies_AndToGuessedIds()
    {
        var s = await SceneAsync();
        var own = await fixture.WithDataAsync(async data =>
        {
            var queue = new RoutingMethod(s.Account.Id, "Kept", RoutingKind.Queue);
            data.Db.RoutingMethods.Add(queue);
            data.Db.RoutingAgents.Add(new RoutingAgent(queue.Id, s.Ann.Id, 0));
            await data.Db.SaveChangesAsync();
            return queue;
        });
        var url = $"{Routing(s.Account)}/{own.Id}";
        string[] pages = [Routing(s.Account), url, url + "/delete"];
        (string Url, Dictionary<string, string> Fields)[] posts =
        [
            (Routing(s.Account), new() { ["Name"] = "Taken", ["Kind"] = "Queue" }),
            (url + "?handler=Rename", new() { ["Name"] = "Taken" }),
            (url + "?handler=Add", new() { ["UserIds"] = s.Ben.Id.ToString(), ["Revision"] = "0" }),
            (url + "?handler=Remove", new() { ["userId"] = s.Ann.Id.ToString(), ["Revision"] = "0" }),
            (url + "?handler=Up", new() { ["userId"] = s.Ann.Id.ToString(), ["Revision"] = "0" }),
            (url + "?handler=Down", new() { ["userId"] = s.Ann.Id.ToString(), ["Revision"] = "0" }),
            (url + "/delete", new()),
        ];

        foreach (var (user, outside) in new[] { (s.Ann, false), (s.Manager, false), (s.SiblingOwner, true), (s.Stranger, true) })
        {
            using var browser = await fixture.SignedInAsync(user);
            foreach (var page in pages)
            {
                using var response = await browser.GetAsync(page);
                Assert.True(outside ? response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden : response.StatusCode == HttpStatusCode.Forbidden,
                    $"{user.Email} GET {page}: {response.StatusCode}");
            }

            foreach (var (post, fields) in posts)
            {
                using var response = await browser.PostWithTokenAsync(post, fields);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{user.Email} POST {post}: {response.StatusCode}");
            }
        }

        using var siblingOwner = await fixture.SignedInAsync(s.SiblingOwner);
        Assert.Equal(HttpStatusCode.OK, (await siblingOwner.GetAsync($"{Routing(s.Sibling)}/{s.SiblingQueue.Id}")).StatusCode);
        using (var crossed = await siblingOwner.PostWithTokenAsync($"{Routing(s.Sibling)}/{own.Id}/delete", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        }

        // An Administrator here who is a Call Agent in the sibling: refused there, and can't add the sibling's agents here.
        await fixture.WithDataAsync(async data => { await data.GrantAsync(s.Sibling, s.Admin, AccountRole.CallAgent); return 0; });
        using var both = await fixture.SignedInAsync(s.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await both.GetAsync($"{Routing(s.Sibling)}/{s.SiblingQueue.Id}")).StatusCode);
        using (var there = await both.PostWithTokenAsync($"{Routing(s.Sibling)}/{s.SiblingQueue.Id}/delete", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, there.StatusCode);
        }

        Assert.Equal([s.Ann.Id], await fixture.WithDataAsync(data => data.Db.RoutingAgents.Where(a => a.RoutingMethodId == own.Id).Select(a => a.UserId).ToListAsync()));
        Assert.Equal(["Kept"], await fixture.WithDataAsync(data => data.Db.RoutingMethods.Where(m => m.AccountId == s.Account.Id).Select(m => m.Name).ToListAsync()));
        Assert.True(await fixture.WithDataAsync(data => data.Db.RoutingMethods.AnyAsync(m => m.Id == s.SiblingQueue.Id)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RoutingPagesSqliteTests(SqlitePortal fixture) : RoutingPagesTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RoutingPagesPostgresTests(PostgresPortal fixture) : RoutingPagesTests(fixture);
