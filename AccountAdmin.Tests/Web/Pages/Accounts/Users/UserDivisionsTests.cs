using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

public abstract class UserDivisionsTests(PortalFixture fixture)
{
    private sealed record Setup(Agency Agency, AppUser Admin, Division East, Division West, Account Account, Account InEast, AppUser Agent, AppUser Owner, AppUser EastAdmin);

    private Task<Setup> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var admin = await data.UserAsync("aa");
        await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
        var east = await data.DivisionAsync(agency, "East");
        var west = await data.DivisionAsync(agency, "West");
        var account = await data.AccountAsync(agency, name: "Home");
        var inEast = await data.AccountAsync(agency, east, "Eastern");
        var eastAdmin = await data.UserAsync("east");
        await data.DivisionAdministratorAsync(east, eastAdmin);
        await data.GrantAsync(account, eastAdmin, AccountRole.Administrator);
        return new Setup(agency, admin, east, west, account, inEast,
            await data.MemberAsync(account, AccountRole.CallAgent, "Abe", "Agent"), await data.MemberAsync(account, AccountRole.Owner), eastAdmin);
    });

    private Task<List<Guid>> DivisionsOfAsync(AppUser user) =>
        fixture.WithDataAsync(data => data.Db.DivisionMembers.Where(m => m.UserId == user.Id).Select(m => m.DivisionId).ToListAsync());

    [Fact]
    public async Task EditAssignedDivisions_OnTheUsersPage_GivesReportManagerOnTheDivisionsAccounts()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var url = $"/accounts/{s.Account.Id}/users/{s.Agent.Id}";
        var page = await browser.GetDocumentAsync(url);
        Assert.Equal("Not in any division of " + s.Agency.Name + ".", page.QuerySelector("#no-divisions")!.TextContent.Trim());
        page.QuerySelector<IHtmlInputElement>($"#division-{s.East.Id}")!.IsChecked = true;

        using var saved = await browser.ClickAsync(page, url, "#save-divisions");
        var after = await browser.GetDocumentAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("joined 1 division and left 0", after.QuerySelector("#status-message")!.TextContent);
        Assert.Contains("East", after.QuerySelector("#division-list")!.TextContent);
        var access = after.QuerySelector("[data-access-scope='The other accounts of the division East']")!.TextContent;
        Assert.Contains("Manage reports", access);
        Assert.Contains("from Member of division East", access);
        Assert.Equal([s.East.Id], await DivisionsOfAsync(s.Agent));
    }

    [Fact]
    public async Task ManyDivisions_AreFoundByName_AndATickMadeBeforeAFind_IsStillThereToSave()
    {
        var s = await SetupAsync();
        var extra = await fixture.WithDataAsync(async data =>
        {
            var divisions = new List<Division>();
            for (var i = 1; i <= 60; i++)
            {
                divisions.Add(await data.DivisionAsync(s.Agency, $"Region {i:D2}"));
            }

            await data.DivisionMemberAsync(divisions[0], s.Agent);
            return divisions;
        });
        using var browser = await fixture.SignedInAsync(s.Admin);
        var url = $"/accounts/{s.Account.Id}/users/{s.Agent.Id}";
        var page = await browser.GetDocumentAsync(url);
        Assert.Equal(50, page.QuerySelectorAll("#divisions-form input[type=checkbox]").Length);
        Assert.Equal("50 shown of 62.", page.QuerySelector("#divisions-shown")!.TextContent);

        // Leave Region 01 and join East, then find the Region 5s: both changes stay listed, unsaved.
        page.QuerySelector<IHtmlInputElement>($"#division-{extra[0].Id}")!.IsChecked = false;
        page.QuerySelector<IHtmlInputElement>($"#division-{s.East.Id}")!.IsChecked = true;
        using var findResponse = await browser.ClickAsync(page, url, "#divisions-form button[formaction*='handler=Find']", new Dictionary<string, string>
        {
            ["DivisionChoice.Filter"] = "REGION 5",
        });
        var found = Browser.Parse(await findResponse.Content.ReadAsStringAsync());
        var boxes = found.QuerySelectorAll<IHtmlInputElement>("#divisions-form input[type=checkbox]").ToList();
        Assert.Equal(
            [s.East.Id, extra[0].Id, .. extra.Skip(49).Take(10).Select(d => d.Id)],
            boxes.Select(b => Guid.Parse(b.Value)).ToList());
        Assert.Equal([true, false], boxes.Take(2).Select(b => b.IsChecked));
        Assert.Equal("10 match “REGION 5”.", found.QuerySelector("#divisions-shown")!.TextContent);
        Assert.Equal([extra[0].Id], await DivisionsOfAsync(s.Agent));

        boxes.Single(b => b.Value == extra[54].Id.ToString()).IsChecked = true;
        using var saved = await browser.ClickAsync(found, url, "#save-divisions");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(new[] { s.East.Id, extra[54].Id }.Order(), (await DivisionsOfAsync(s.Agent)).Order());
    }

    [Fact]
    public async Task ADivisionAdministrator_ChangesOnlyTheirDivisions_AndAForgedOneIsRefusedWithAMessage()
    {
        var s = await SetupAsync();
        await fixture.WithDataAsync(async data =>
        {
            await data.DivisionMemberAsync(s.West, s.Agent);
            return 0;
        });
        using var browser = await fixture.SignedInAsync(s.EastAdmin);
        var url = $"/accounts/{s.Account.Id}/users/{s.Agent.Id}";
        var page = await browser.GetDocumentAsync(url);

        using var forged = await browser.PostWithTokenAsync($"{url}/divisions", new Dictionary<string, string>
        {
            ["DivisionChoice.Shown"] = s.West.Id.ToString(),
        });
        var refused = Browser.Parse(await forged.Content.ReadAsStringAsync());

        Assert.Equal([s.East.Id.ToString()], page.QuerySelectorAll("#divisions-form input[type=checkbox]").Select(c => c.GetAttribute("value")));
        Assert.Contains("West", page.QuerySelector("#division-list")!.TextContent);
        Assert.Contains("You don't manage the division West", refused.QuerySelector("#divisions-error")!.TextContent);
        Assert.Equal([s.West.Id], await DivisionsOfAsync(s.Agent));
    }

    [Fact]
    public async Task AnOwnerWithoutDivisions_SeesNoDivisionEditor_AndIsRefusedThePost()
    {
        var s = await SetupAsync();
        using var owner = await fixture.SignedInAsync(s.Owner);
        using var agent = await fixture.SignedInAsync(s.Agent);
        var url = $"/accounts/{s.Account.Id}/users/{s.Agent.Id}";

        var page = await owner.GetDocumentAsync(url);
        using var asOwner = await owner.PostWithTokenAsync($"{url}/divisions", new Dictionary<string, string>
        {
            ["DivisionChoice.Shown"] = s.East.Id.ToString(),
            ["DivisionChoice.Chosen"] = s.East.Id.ToString(),
        });
        using var asAgent = await agent.PostWithTokenAsync($"/accounts/{s.Account.Id}/users/{s.Owner.Id}/divisions", new Dictionary<string, string>
        {
            ["DivisionChoice.Shown"] = s.East.Id.ToString(),
            ["DivisionChoice.Chosen"] = s.East.Id.ToString(),
        });

        Assert.Null(page.QuerySelector("#user-divisions"));
        Assert.Equal(HttpStatusCode.Forbidden, asOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        Assert.Empty(await DivisionsOfAsync(s.Agent));
        Assert.Empty(await DivisionsOfAsync(s.Owner));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UserDivisionsSqliteTests(SqlitePortal fixture) : UserDivisionsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UserDivisionsPostgresTests(PostgresPortal fixture) : UserDivisionsTests(fixture);
