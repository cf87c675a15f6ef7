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
        Assert.Equal("3", afterFilter.QuerySelector("[data-picker-count=right]")!.TextContent);

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
        var assigned = picker.QuerySelector<IHtmlInputElement>("[data-picker-assigned]")!;
        assigned.Value = agent.Value;

        using var saved = await browser.ClickAsync(picker, users, "#picker-save");
        var admins = $"{DivisionUrl(s, s.East)}?edit=admins";
        var adminPicker = await browser.GetDocumentAsync(admins);
        adminPicker.QuerySelector<IHtmlInputElement>("[data-picker-assigned]")!.Value = "";
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
        ["Pick.Assigned"] = PickerTokens.Token(account.Id),
        ["Pick.Original"] = "",
    };

    private static Dictionary<string, string> Pick(string editor, AppUser user) => new()
    {
        ["Pick.Editor"] = editor,
        ["Pick.Assigned"] = PickerTokens.Token(user.Id),
        ["Pick.Original"] = "",
    };
}

[Collection(SqliteCollection.Name)]
public sealed class DivisionPagesSqliteTests(SqlitePortal fixture) : DivisionPagesTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DivisionPagesPostgresTests(PostgresPortal fixture) : DivisionPagesTests(fixture);
