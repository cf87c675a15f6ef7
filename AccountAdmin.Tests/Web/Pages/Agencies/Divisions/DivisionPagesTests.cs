using System.Net;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AccountAdmin.Web.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Agencies.Divisions;

public abstract class DivisionPagesTests(PortalFixture fixture)
{
    private sealed record Setup(
        Agency Agency, AppUser Admin, Division East, Division West, Account Free, Account InEast, Account InWest,
        AppUser EastAdmin, AppUser Owner, AppUser Agent);

    private Task<Setup> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var admin = await data.UserAsync("aa", "Ada", "Agency");
        await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
        var east = await data.DivisionAsync(agency, TestData.Unique("East"));
        var west = await data.DivisionAsync(agency, TestData.Unique("West"));
        var free = await data.AccountAsync(agency, name: TestData.Unique("Free"));
        var eastAdmin = await data.UserAsync("da", "Dana", "Division");
        await data.DivisionAdministratorAsync(east, eastAdmin);
        return new Setup(agency, admin, east, west, free,
            await data.AccountAsync(agency, east, TestData.Unique("InEast")),
            await data.AccountAsync(agency, west, TestData.Unique("InWest")),
            eastAdmin,
            await data.MemberAsync(free, AccountRole.Owner, "Olga", "Owner"),
            await data.MemberAsync(free, AccountRole.CallAgent, "Abe", "Agent"));
    });

    private Task<Guid?> DivisionOfAsync(Account account) => fixture.WithDataAsync(data =>
        data.Db.Accounts.Where(a => a.Id == account.Id).Select(a => a.DivisionId).SingleAsync());

    private static string DivisionUrl(Setup s, Division d) => $"/agencies/{s.Agency.Id}/divisions/{d.Id}";

    private static IHtmlOptionElement Option(IHtmlDocument page, string side, Account account) =>
        page.QuerySelectorAll<IHtmlOptionElement>($"#picker-{side} option").Single(o => o.Text.StartsWith(account.Name, StringComparison.Ordinal));

    [Fact]
    public async Task AnAgencyAdministrator_CreatesADivision_AndADuplicateNameIsRefusedAtTheField()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var list = await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/divisions");

        using var created = await browser.PostFormAsync(list.QuerySelector("#new-division")!.GetAttribute("href")!, new Dictionary<string, string>
        {
            ["Details.Name"] = "North",
            ["Details.Description"] = "Up there",
        });
        var page = await browser.GetDocumentAsync(created.Headers.Location!.OriginalString);
        using var duplicate = await browser.PostFormAsync($"/agencies/{s.Agency.Id}/divisions/new", new Dictionary<string, string>
        {
            ["Details.Name"] = " " + s.East.Name.ToLowerInvariant(),
        });
        var refused = Browser.Parse(await duplicate.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("North", page.QuerySelector("#division-name")!.TextContent);
        Assert.Contains("was created", page.QuerySelector("#status-message")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal(DivisionErrors.DuplicateName.Message, refused.QuerySelector("[data-valmsg-for='Details.Name']")!.TextContent.Trim());
        var rows = (await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/divisions")).QuerySelectorAll("#divisions tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.Equal(["1", "0", "1"], rows.Single(r => r.TextContent.Contains(s.East.Name)).QuerySelectorAll("[data-count]").Select(c => c.TextContent));
    }

    [Fact]
    public async Task EditAccounts_WithoutScript_MovesFiltersAndSaves_AndAnAccountFromAnotherDivisionLeavesIt()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var url = $"{DivisionUrl(s, s.East)}?edit=accounts";
        var picker = await browser.GetDocumentAsync(url);
        Assert.Equal($"{s.InWest.Name} * ({s.West.Name})", Option(picker, "left", s.InWest).Text);
        Assert.Equal(s.InEast.Name, Option(picker, "right", s.InEast).Text);

        Option(picker, "left", s.InWest).IsSelected = true;
        Option(picker, "left", s.Free).IsSelected = true;
        using var moved = await browser.ClickAsync(picker, url, "#picker-add");
        var afterMove = Browser.Parse(await moved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(3, afterMove.QuerySelectorAll("#picker-right option").Length);
        Assert.Contains("Not saved yet", afterMove.QuerySelector("#status-message")!.TextContent);
        Assert.Equal(s.West.Id, await DivisionOfAsync(s.InWest));

        using var filtered = await browser.ClickAsync(afterMove, url, "#picker button[value=filter]", new Dictionary<string, string>
        {
            ["Pick.RightFilter"] = s.Free.Name.ToUpperInvariant(),
        });
        var afterFilter = Browser.Parse(await filtered.Content.ReadAsStringAsync());
        Assert.Equal([s.Free.Name], afterFilter.QuerySelectorAll<IHtmlOptionElement>("#picker-right option").Select(o => o.Text));
        Assert.Equal("3", afterFilter.QuerySelector("[data-swap-part=right-count]")!.TextContent);

        using var saved = await browser.ClickAsync(afterFilter, url, "#picker-save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var division = await browser.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal($"{s.East.Name} saved: 1 account added; {s.InWest.Name} moved here from {s.West.Name}.", division.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Equal(3, division.QuerySelectorAll("#division-accounts li").Length);
        Assert.Equal(s.East.Id, await DivisionOfAsync(s.InWest));
        Assert.Equal(s.East.Id, await DivisionOfAsync(s.Free));
        var west = await browser.GetDocumentAsync($"{DivisionUrl(s, s.West)}");
        Assert.Equal("0", west.QuerySelector("#division-accounts [data-count]")!.TextContent);
    }

    [Fact]
    public async Task EditAccounts_WithoutScript_PagesAHundredAtATime_AndAddsAllThatMatchAFilter()
    {
        var s = await SetupAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await fixture.WithDataAsync(async data =>
        {
            for (var i = 1; i <= 130; i++)
            {
                await data.AccountAsync(s.Agency, name: $"Bulk{tag} {i:D3}");
            }

            return 0;
        });
        using var browser = await fixture.SignedInAsync(s.Admin);
        var url = $"{DivisionUrl(s, s.East)}?edit=accounts";

        using var first = await browser.Client.GetAsync(url);
        var html = await first.Content.ReadAsStringAsync();
        var picker = Browser.Parse(html);
        Assert.Equal(100, picker.QuerySelectorAll("#picker-left option").Length);
        Assert.Equal("100 shown of 132.", picker.QuerySelector("#picker-left-shown")!.TextContent);
        Assert.Equal("132", picker.QuerySelector("[data-swap-part=left-count]")!.TextContent);
        Assert.True(html.Length < 100_000, $"The picker page is {html.Length:N0} characters.");

        using var nextResponse = await browser.ClickAsync(picker, url, "#picker button[name='Pick.Page']");
        var next = Browser.Parse(await nextResponse.Content.ReadAsStringAsync());
        Assert.Equal(32, next.QuerySelectorAll("#picker-left option").Length);
        Assert.Equal(["Previous 100"], next.QuerySelectorAll("#picker button[name='Pick.Page']").Select(b => b.TextContent));
        using var backResponse = await browser.ClickAsync(next, url, "#picker button[name='Pick.Page']");
        var back = Browser.Parse(await backResponse.Content.ReadAsStringAsync());
        Assert.Equal(
            picker.QuerySelectorAll<IHtmlOptionElement>("#picker-left option").Select(o => o.Value),
            back.QuerySelectorAll<IHtmlOptionElement>("#picker-left option").Select(o => o.Value));

        using var filteredResponse = await browser.ClickAsync(back, url, "#picker button[value=filter]", new Dictionary<string, string> { ["Pick.LeftFilter"] = $"bulk{tag}" });
        var filtered = Browser.Parse(await filteredResponse.Content.ReadAsStringAsync());
        Assert.Equal($"100 shown of 130 matching “bulk{tag}”.", filtered.QuerySelector("#picker-left-shown")!.TextContent);
        using var allResponse = await browser.ClickAsync(filtered, url, "#picker-add-all");
        var all = Browser.Parse(await allResponse.Content.ReadAsStringAsync());
        Assert.Equal("None match “bulk" + tag + "”.", all.QuerySelector("#picker-left-shown")!.TextContent);
        Assert.Equal("131", all.QuerySelector("[data-swap-part=right-count]")!.TextContent);
        Assert.Equal("Not saved yet: 130 to add.", all.QuerySelector("[data-swap-part=pending]")!.TextContent);
        Assert.Equal(0, await fixture.WithDataAsync(data => data.Db.Accounts.CountAsync(a => a.Name.StartsWith($"Bulk{tag}") && a.DivisionId != null)));

        using var saved = await browser.ClickAsync(all, url, "#picker-save");
        var division = await browser.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal($"{s.East.Name} saved: 130 accounts added.", division.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Equal(130, await fixture.WithDataAsync(data => data.Db.Accounts.CountAsync(a => a.Name.StartsWith($"Bulk{tag}") && a.DivisionId == s.East.Id)));
    }

    [Fact]
    public async Task AMove_ThePageDidNotWrite_ChangesNothing_AndAPageStartThatIsNoItem_IsTheFirstPage()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var move = $"{DivisionUrl(s, s.East)}?handler=Move";

        using var forged = await browser.PostWithTokenAsync(move, new Dictionary<string, string>
        {
            ["Pick.Editor"] = "accounts", ["Pick.Added"] = "' OR 1=1 --", ["Pick.Move"] = "add",
        });
        using var strangePage = await browser.PostWithTokenAsync(move, new Dictionary<string, string>
        {
            ["Pick.Editor"] = "accounts", ["Pick.Page"] = "left:" + new string('z', 500), ["Pick.LeftFilter"] = "%\"_' NEAR",
        });
        using var unknownMove = await browser.PostWithTokenAsync(move, new Dictionary<string, string>
        {
            ["Pick.Editor"] = "users", ["Pick.Move"] = "everything", ["Pick.Chosen"] = "nonsense", ["Pick.Page"] = $"middle:{Guid.NewGuid():N}",
        });

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(DivisionErrors.Unreadable.Message, Browser.Parse(await forged.Content.ReadAsStringAsync()).QuerySelector("#picker-error")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, strangePage.StatusCode);
        Assert.Equal("None match “%\"_' NEAR”.", Browser.Parse(await strangePage.Content.ReadAsStringAsync()).QuerySelector("#picker-left-shown")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, unknownMove.StatusCode);
        Assert.Equal("", Browser.Parse(await unknownMove.Content.ReadAsStringAsync()).QuerySelector("[data-swap-part=pending]")!.TextContent);
        Assert.Null(await DivisionOfAsync(s.Free));
    }

    [Fact]
    public async Task AStalePicker_GetsAMessage_AndTheListsAsTheyAreNow_NotASilentOverwrite()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var url = $"{DivisionUrl(s, s.East)}?edit=accounts";
        var picker = await browser.GetDocumentAsync(url);
        Option(picker, "left", s.Free).IsSelected = true;
        using var moved = await browser.ClickAsync(picker, url, "#picker-add");
        var pending = Browser.Parse(await moved.Content.ReadAsStringAsync());
        // Meanwhile another administrator puts the same account into West.
        await fixture.WithDataAsync(async data =>
        {
            await data.Db.Accounts.Where(a => a.Id == s.Free.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.DivisionId, s.West.Id));
            return 0;
        });

        using var saved = await browser.ClickAsync(pending, url, "#picker-save");
        var page = Browser.Parse(await saved.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains($"{s.Free.Name} is now in {s.West.Name}", page.QuerySelector("#picker-error")!.TextContent);
        Assert.Equal($"{s.Free.Name} * ({s.West.Name})", Option(page, "left", s.Free).Text);
        Assert.Equal(s.West.Id, await DivisionOfAsync(s.Free));
    }

    [Fact]
    public async Task EditAssignedUsers_AndEditAdmins_SaveThroughThePage_AndTheUsersGetTheirAccess()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var users = $"{DivisionUrl(s, s.East)}?edit=users";
        var picker = await browser.GetDocumentAsync(users);
        var agent = picker.QuerySelectorAll<IHtmlOptionElement>("#picker-left option").Single(o => o.Text.Contains(s.Agent.Email!));
        picker.QuerySelector<IHtmlInputElement>("[data-picker-added]")!.Value = agent.Value;

        using var saved = await browser.ClickAsync(picker, users, "#picker-save");
        var admins = $"{DivisionUrl(s, s.East)}?edit=admins";
        var adminPicker = await browser.GetDocumentAsync(admins);
        adminPicker.QuerySelector<IHtmlInputElement>("[data-picker-removed]")!.Value =
            string.Join(',', adminPicker.QuerySelectorAll<IHtmlOptionElement>("#picker-right option").Select(o => o.Value));
        using var emptied = await browser.ClickAsync(adminPicker, admins, "#picker-save");
        var page = await browser.GetDocumentAsync(emptied.Headers.Location!.OriginalString);
        using var asAgent = await fixture.SignedInAsync(s.Agent);
        var overview = await asAgent.GetDocumentAsync($"/accounts/{s.InEast.Id}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("1 administrator taken out of the division; nothing else was deleted", page.QuerySelector("#status-message")!.TextContent);
        Assert.Contains(s.Agent.Email!, page.QuerySelector("#division-users")!.TextContent);
        Assert.Equal("0", page.QuerySelector("#division-admins [data-count]")!.TextContent);
        Assert.Contains($"Member of division {s.East.Name}", overview.QuerySelector("#grants")!.TextContent);
        Assert.Contains("Report Manager", overview.QuerySelector("#grants")!.TextContent);
        Assert.True(await fixture.WithDataAsync(data => data.Db.Users.AnyAsync(u => u.Id == s.EastAdmin.Id && u.ArchivedAt == null)));
    }

    [Fact]
    public async Task EditAndDelete_ThroughThePage_LeaveTheAccountsInPlace()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var url = DivisionUrl(s, s.East);

        using var renamed = await browser.PostFormAsync($"{url}?edit=details", new Dictionary<string, string> { ["Details.Name"] = "East Renamed" }, "#division-form");
        Assert.Equal("East Renamed", await fixture.WithDataAsync(data => data.Db.Divisions.Where(d => d.Id == s.East.Id).Select(d => d.Name).SingleAsync()));
        var blankResponse = await browser.PostFormAsync($"{url}?edit=details", new Dictionary<string, string> { ["Details.Name"] = "" }, "#division-form");
        var blank = Browser.Parse(await blankResponse.Content.ReadAsStringAsync());
        var confirm = await browser.GetDocumentAsync($"{url}?edit=delete");
        using var deleted = await browser.PostFormAsync($"{url}?edit=delete", new Dictionary<string, string>(), "#delete-form");
        var list = await browser.GetDocumentAsync(deleted.Headers.Location!.OriginalString);

        Assert.Equal("Enter a name for the division.", blank.QuerySelector("[data-valmsg-for='Details.Name']")!.TextContent.Trim());
        Assert.Contains("No account, user or membership is deleted", confirm.QuerySelector("#delete-form")!.TextContent);
        Assert.Contains("was deleted", list.QuerySelector("#status-message")!.TextContent);
        Assert.Null(list.QuerySelector($"[data-division-id='{s.East.Id}']"));
        Assert.Null(await DivisionOfAsync(s.InEast));
        Assert.True(await fixture.WithDataAsync(data => data.Db.Accounts.AnyAsync(a => a.Id == s.InEast.Id)));
        blankResponse.Dispose();
    }

    [Fact]
    public async Task ADivisionAdministrator_SeesAndEditsOnlyTheirDivision_AndNeitherItsAdminsNorItsDetails()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.EastAdmin);

        var list = await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/divisions");
        var page = await browser.GetDocumentAsync(DivisionUrl(s, s.East));
        var picker = await browser.GetDocumentAsync($"{DivisionUrl(s, s.East)}?edit=accounts");

        Assert.Equal([s.East.Id.ToString()], list.QuerySelectorAll("#divisions tbody tr").Select(r => r.GetAttribute("data-division-id")));
        Assert.Null(list.QuerySelector("#new-division"));
        Assert.NotNull(page.QuerySelector("#edit-accounts"));
        Assert.NotNull(page.QuerySelector("#edit-users"));
        Assert.Null(page.QuerySelector("#edit-admins"));
        Assert.Null(page.QuerySelector("#edit-division"));
        Assert.Null(page.QuerySelector("#delete-division"));
        Assert.Empty(picker.QuerySelectorAll("#picker-left option"));

        // An account they administer themselves may be brought in.
        await fixture.WithDataAsync(data => data.GrantAsync(s.Free, s.EastAdmin, AccountRole.Administrator));
        var administered = await browser.GetDocumentAsync($"{DivisionUrl(s, s.East)}?edit=accounts");
        Assert.Equal([s.Free.Name], administered.QuerySelectorAll("#picker-left option").Select(o => o.TextContent));
    }

    [Fact]
    public async Task EveryPageAndHandler_IsRefused_ToWhoeverThePermissionTableDoesNotAllow()
    {
        var s = await SetupAsync();
        var other = await SetupAsync();
        using var owner = await fixture.SignedInAsync(s.Owner);
        using var agent = await fixture.SignedInAsync(s.Agent);
        using var eastAdmin = await fixture.SignedInAsync(s.EastAdmin);
        using var foreignAdmin = await fixture.SignedInAsync(other.Admin);
        using var admin = await fixture.SignedInAsync(s.Admin);
        var divisions = $"/agencies/{s.Agency.Id}/divisions";
        var east = DivisionUrl(s, s.East);
        var west = DivisionUrl(s, s.West);

        foreach (var (browser, url) in new[] { (owner, divisions), (agent, divisions), (owner, east), (foreignAdmin, divisions), (foreignAdmin, east), (foreignAdmin, $"{divisions}/new") })
        {
            await browser.GetDocumentAsync(url, HttpStatusCode.Forbidden);
        }

        await eastAdmin.GetDocumentAsync(west, HttpStatusCode.Forbidden);
        await eastAdmin.GetDocumentAsync($"{west}?edit=accounts", HttpStatusCode.Forbidden);
        await eastAdmin.GetDocumentAsync($"{east}?edit=admins", HttpStatusCode.Forbidden);
        await eastAdmin.GetDocumentAsync($"{east}?edit=details", HttpStatusCode.Forbidden);
        await eastAdmin.GetDocumentAsync($"{east}?edit=delete", HttpStatusCode.Forbidden);
        await eastAdmin.GetDocumentAsync($"{divisions}/new", HttpStatusCode.Forbidden);
        await admin.GetDocumentAsync($"{divisions}/{other.East.Id}", HttpStatusCode.NotFound);
        await admin.GetDocumentAsync($"{divisions}/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await admin.GetDocumentAsync($"/agencies/{Guid.NewGuid()}/divisions", HttpStatusCode.NotFound);

        // Forged posts, each with a valid antiforgery token of the poster's own session.
        var posts = new (Browser Browser, string Url, Dictionary<string, string> Fields, HttpStatusCode Expected)[]
        {
            (eastAdmin, $"{west}?handler=Save", Pick("accounts", s.Free), HttpStatusCode.Forbidden),
            (eastAdmin, $"{west}?handler=Move", Pick("accounts", s.Free), HttpStatusCode.Forbidden),
            (eastAdmin, $"{east}?handler=Save", Pick("admins", s.Owner), HttpStatusCode.Forbidden),
            (eastAdmin, $"{east}?handler=Save", Pick("nonsense", s.Free), HttpStatusCode.BadRequest),
            (eastAdmin, $"{east}?handler=Details", new() { ["Details.Name"] = "Mine now" }, HttpStatusCode.Forbidden),
            (eastAdmin, $"{east}?handler=Delete", new(), HttpStatusCode.Forbidden),
            (eastAdmin, $"{divisions}/new", new() { ["Details.Name"] = "Mine" }, HttpStatusCode.Forbidden),
            (owner, $"{east}?handler=Save", Pick("accounts", s.Free), HttpStatusCode.Forbidden),
            (foreignAdmin, $"{east}?handler=Save", Pick("accounts", s.Free), HttpStatusCode.Forbidden),
            (foreignAdmin, $"{east}?handler=Delete", new(), HttpStatusCode.Forbidden),
            (owner, $"{east}?handler=Move", Pick("accounts", s.Free), HttpStatusCode.Forbidden),
            (foreignAdmin, $"{east}?handler=Move", Pick("accounts", s.Free), HttpStatusCode.Forbidden),
            (admin, $"{divisions}/{other.East.Id}?handler=Move", Pick("accounts", other.Free), HttpStatusCode.NotFound),
            (admin, $"{divisions}/{other.East.Id}?handler=Save", Pick("accounts", other.Free), HttpStatusCode.NotFound),
        };
        foreach (var (browser, url, fields, expected) in posts)
        {
            using var response = await browser.PostWithTokenAsync(url, fields);
            Assert.True(expected == response.StatusCode, $"POST {url}: expected {(int)expected}, got {(int)response.StatusCode}");
        }

        // An account of another agency posted into the division is refused with a message, not saved.
        using var foreign = await admin.PostWithTokenAsync($"{east}?handler=Save", Pick("accounts", other.Free));
        Assert.Equal(DivisionErrors.NotInAgency.Message, Browser.Parse(await foreign.Content.ReadAsStringAsync()).QuerySelector("#picker-error")!.TextContent.Trim());

        Assert.Null(await DivisionOfAsync(s.Free));
        Assert.Null(await DivisionOfAsync(other.Free));
        Assert.True(await fixture.WithDataAsync(data => data.Db.Divisions.AnyAsync(d => d.Id == s.East.Id && d.Name == s.East.Name)));
        Assert.False(await fixture.WithDataAsync(data => data.Db.DivisionAdministrators.AnyAsync(d => d.UserId == s.Owner.Id)));
    }

    private static Dictionary<string, string> Pick(string editor, Account account) => new()
    {
        ["Pick.Editor"] = editor,
        ["Pick.Added"] = PickerTokens.Token(account.Id),
        ["Pick.Removed"] = "",
    };

    private static Dictionary<string, string> Pick(string editor, AppUser user) => new()
    {
        ["Pick.Editor"] = editor,
        ["Pick.Added"] = PickerTokens.Token(user.Id),
        ["Pick.Removed"] = "",
    };
}

[Collection(SqliteCollection.Name)]
public sealed class DivisionPagesSqliteTests(SqlitePortal fixture) : DivisionPagesTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DivisionPagesPostgresTests(PostgresPortal fixture) : DivisionPagesTests(fixture);
