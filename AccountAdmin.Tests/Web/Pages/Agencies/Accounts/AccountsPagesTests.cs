using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Agencies.Accounts;

public abstract class AccountsPagesTests(PortalFixture fixture)
{
    private sealed record Setup(Agency Agency, AppUser Admin, Division East, Division West, AppUser EastAdmin, AppUser BothAdmin, Account Main, AppUser Owner);

    private Task<Setup> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var admin = await data.UserAsync("aa");
        await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
        var east = await data.DivisionAsync(agency, "East");
        var west = await data.DivisionAsync(agency, "West");
        var eastAdmin = await data.UserAsync("east");
        await data.DivisionAdministratorAsync(east, eastAdmin);
        var bothAdmin = await data.UserAsync("both");
        await data.DivisionAdministratorAsync(east, bothAdmin);
        await data.DivisionAdministratorAsync(west, bothAdmin);
        var main = await data.AccountAsync(agency, name: "Main");
        await data.AccountAsync(agency, west, "Western");
        return new Setup(agency, admin, east, west, eastAdmin, bothAdmin, main, await data.MemberAsync(main, AccountRole.Owner));
    });

    [Fact]
    public async Task ADivisionAdministrator_CreatesAnAccount_ThatGoesIntoTheirDivision_AndFindsItThere()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.EastAdmin);
        var form = await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/accounts/new");
        Assert.Contains("East", form.QuerySelector("#automatic-division")!.TextContent);
        Assert.Null(form.QuerySelector("select"));

        using var created = await browser.PostFormAsync($"/agencies/{s.Agency.Id}/accounts/new", new Dictionary<string, string> { ["Name"] = "East Branch" });
        var overview = await browser.GetDocumentAsync(created.Headers.Location!.OriginalString);
        var list = await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/accounts");
        var division = await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/divisions/{s.East.Id}");

        Assert.Equal("The account East Branch was created in the division East.", overview.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Contains("Division Administrator of East", overview.QuerySelector("#grants")!.TextContent);
        Assert.Equal(["East Branch"], list.QuerySelectorAll("#agency-accounts tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Contains("East Branch", division.QuerySelector("#division-accounts")!.TextContent);
    }

    [Fact]
    public async Task ADivisionAdministratorOfSeveral_MustChoose_AndTheRefusalIsAtTheField()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.BothAdmin);

        using var response = await browser.PostFormAsync($"/agencies/{s.Agency.Id}/accounts/new", new Dictionary<string, string> { ["Name"] = "Where?" });
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        using var chosen = await browser.PostFormAsync($"/agencies/{s.Agency.Id}/accounts/new", new Dictionary<string, string>
        {
            ["Name"] = "Here",
            ["DivisionId"] = s.West.Id.ToString(),
        });

        Assert.Equal("Choose the division the account goes into.", page.QuerySelector("[data-valmsg-for='DivisionId']")!.TextContent.Trim());
        Assert.Equal(["East", "West"], page.QuerySelectorAll("#DivisionId option").Skip(1).Select(o => o.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(s.West.Id, await fixture.WithDataAsync(data => data.Db.Accounts.Where(a => a.Name == "Here" && a.AgencyId == s.Agency.Id).Select(a => a.DivisionId).SingleAsync()));
        Assert.False(await fixture.WithDataAsync(data => data.Db.Accounts.AnyAsync(a => a.Name == "Where?")));
    }

    [Fact]
    public async Task AnAgencyAdministrator_ListsEveryAccount_FiltersByDivision_AndCreatesOneInNone()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);

        var all = await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/accounts");
        var west = await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/accounts?division={s.West.Id}");
        using var blank = await browser.PostFormAsync($"/agencies/{s.Agency.Id}/accounts/new", new Dictionary<string, string> { ["Name"] = " " });
        using var created = await browser.PostFormAsync($"/agencies/{s.Agency.Id}/accounts/new", new Dictionary<string, string> { ["Name"] = "Loose" });
        var none = await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/accounts?division=none");

        Assert.Equal(["Main", "Western"], all.QuerySelectorAll("#agency-accounts tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Equal("1", all.QuerySelector($"tr[data-account-id='{s.Main.Id}'] td:nth-child(3)")!.TextContent);
        Assert.Equal(["Western"], west.QuerySelectorAll("#agency-accounts tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Equal("Enter a name for the account.", Browser.Parse(await blank.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Name']")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(["Loose", "Main"], none.QuerySelectorAll("#agency-accounts tbody tr td:first-child").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task TheAccountsPages_AreRefused_ToOwners_AndToAnotherAgencysAdministrator()
    {
        var s = await SetupAsync();
        var other = await SetupAsync();
        using var owner = await fixture.SignedInAsync(s.Owner);
        using var foreign = await fixture.SignedInAsync(other.Admin);
        using var foreignDivisionAdmin = await fixture.SignedInAsync(other.EastAdmin);
        var accounts = $"/agencies/{s.Agency.Id}/accounts";

        foreach (var browser in new[] { owner, foreign, foreignDivisionAdmin })
        {
            await browser.GetDocumentAsync(accounts, HttpStatusCode.Forbidden);
            await browser.GetDocumentAsync($"{accounts}/new", HttpStatusCode.Forbidden);
            using var post = await browser.PostWithTokenAsync($"{accounts}/new", new Dictionary<string, string> { ["Name"] = "Intruder" });
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        using var admin = await fixture.SignedInAsync(s.Admin);
        await admin.GetDocumentAsync($"/agencies/{Guid.NewGuid()}/accounts", HttpStatusCode.NotFound);
        using var eastAdmin = await fixture.SignedInAsync(s.EastAdmin);
        using var guessed = await eastAdmin.PostWithTokenAsync($"{accounts}/new", new Dictionary<string, string>
        {
            ["Name"] = "Intruder",
            ["DivisionId"] = s.West.Id.ToString(),
        });
        Assert.Equal("Choose one of the divisions listed.", Browser.Parse(await guessed.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='DivisionId']")!.TextContent.Trim());
        Assert.False(await fixture.WithDataAsync(data => data.Db.Accounts.AnyAsync(a => a.Name == "Intruder")));
    }

    [Fact]
    public async Task TamperedPageLink_StartsTheListOver()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);

        var page = await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/accounts?after=forged");

        Assert.NotNull(page.QuerySelector("#status-message"));
        Assert.Equal(2, page.QuerySelectorAll("#agency-accounts tbody tr").Length);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccountsPagesSqliteTests(SqlitePortal fixture) : AccountsPagesTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AccountsPagesPostgresTests(PostgresPortal fixture) : AccountsPagesTests(fixture);
