using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts;

public abstract class SettingsTests(PortalFixture fixture)
{
    private sealed record Setup(Agency Agency, AppUser Admin, Division East, Division West, Account Account, AppUser Owner, AppUser Agent, AppUser EastAdmin);

    private Task<Setup> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var admin = await data.UserAsync("aa");
        await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
        var east = await data.DivisionAsync(agency, "East");
        var west = await data.DivisionAsync(agency, "West");
        var account = await data.AccountAsync(agency, east, "Settled");
        var eastAdmin = await data.UserAsync("east");
        await data.DivisionAdministratorAsync(east, eastAdmin);
        return new Setup(agency, admin, east, west, account,
            await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent), eastAdmin);
    });

    private Task<Account> AccountAsync(Setup s) => fixture.WithDataAsync(data => data.Db.Accounts.AsNoTracking().SingleAsync(a => a.Id == s.Account.Id));

    [Fact]
    public async Task AnAgencyAdministrator_MovesTheAccount_WithTheDivisionDropDown()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var url = $"/accounts/{s.Account.Id}/settings";

        var page = await browser.GetDocumentAsync(url);
        using var saved = await browser.PostFormAsync(url, new Dictionary<string, string> { ["DivisionId"] = s.West.Id.ToString() });
        var after = await browser.GetDocumentAsync(saved.Headers.Location!.OriginalString);

        Assert.Equal(["No division", "East", "West"], page.QuerySelectorAll("#DivisionId option").Select(o => o.TextContent));
        Assert.Equal(s.East.Id.ToString(), page.QuerySelector("#DivisionId option[selected]")!.GetAttribute("value"));
        Assert.Equal($"{s.Account.Name}'s settings were saved.", after.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Equal(s.West.Id, (await AccountAsync(s)).DivisionId);
    }

    [Fact]
    public async Task AnOwner_RenamesTheAccount_ButHasNoDivisionDropDown_AndAForgedDivisionChangesNothing()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Owner);
        var url = $"/accounts/{s.Account.Id}/settings";

        var page = await browser.GetDocumentAsync(url);
        using var renamed = await browser.PostFormAsync(url, new Dictionary<string, string> { ["Name"] = "Renamed", ["DivisionId"] = s.West.Id.ToString() });
        using var blank = await browser.PostFormAsync(url, new Dictionary<string, string> { ["Name"] = "" });

        Assert.Null(page.QuerySelector("#DivisionId"));
        Assert.Contains("East", page.QuerySelector("#division-fixed")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal("Enter a name for the account.", Browser.Parse(await blank.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Name']")!.TextContent.Trim());
        var account = await AccountAsync(s);
        Assert.Equal(("Renamed", (Guid?)s.East.Id), (account.Name, account.DivisionId));
    }

    [Fact]
    public async Task AMoveMadeMeanwhile_GetsAMessageAtTheDivision_AndTheFormShowsWhereTheAccountIsNow()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var url = $"/accounts/{s.Account.Id}/settings";
        var page = await browser.GetDocumentAsync(url);
        await fixture.WithDataAsync(async data =>
            await data.Db.Accounts.Where(a => a.Id == s.Account.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.DivisionId, s.West.Id)));

        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#settings-form")!;
        form.SetAttribute("action", url);
        using var response = await browser.SubmitAsync(form, new Dictionary<string, string> { ["DivisionId"] = "" });
        var refused = Browser.Parse(await response.Content.ReadAsStringAsync());

        Assert.Contains("Someone else moved this account", refused.QuerySelector("[data-valmsg-for='DivisionId']")!.TextContent);
        Assert.Equal(s.West.Id.ToString(), refused.QuerySelector("#DivisionId option[selected]")!.GetAttribute("value"));
        Assert.Equal(s.West.Id, (await AccountAsync(s)).DivisionId);
    }

    [Fact]
    public async Task AnOwner_RequiresTwoFactorOfEveryone_AndAnAgentIsLedToSetItUpAtTheirNextSignIn()
    {
        var s = await SetupAsync();
        var url = $"/accounts/{s.Account.Id}/settings";
        using var owner = await fixture.SignedInAsync(s.Owner);

        using var saved = await owner.PostFormAsync(url, new Dictionary<string, string> { ["TwoFactorRequirement"] = "Everyone" }, "#two-factor-form");
        var page = await owner.GetDocumentAsync(url);
        using var agent = fixture.NewBrowser();
        using var signedIn = await agent.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = s.Agent.Email!, ["Input.Password"] = TestData.Password,
        });
        var setup = await agent.GetDocumentAsync("/profile/two-factor");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Two-factor sign-in is now required of everyone here", page.QuerySelector("#status-message")!.TextContent);
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#two-factor-everyone")!.IsChecked);
        Assert.Equal(TwoFactorRequirement.Everyone, (await AccountAsync(s)).TwoFactorRequirement);
        Assert.Equal("/profile/two-factor", signedIn.Headers.Location?.OriginalString);
        Assert.Contains("your role must sign in with a code", setup.QuerySelector("#two-factor-required")!.TextContent);
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(e => e.Action == AccountAdmin.Core.Audit.AuditActions.TwoFactorRequirementChanged && e.AccountId == s.Account.Id && e.ActorUserId == s.Owner.Id)));
    }

    [Fact]
    public async Task RequiringTwoFactor_IsRefused_ToACallAgent_AndToAnotherAgency_AndAnUnknownChoiceIsRefusedAtTheField()
    {
        var s = await SetupAsync();
        var other = await SetupAsync();
        var url = $"/accounts/{s.Account.Id}/settings?handler=TwoFactor";
        using var agent = await fixture.SignedInAsync(s.Agent);
        using var foreign = await fixture.SignedInAsync(other.Admin);
        using var owner = await fixture.SignedInAsync(s.Owner);

        using var byAgent = await agent.PostWithTokenAsync(url, new Dictionary<string, string> { ["TwoFactorRequirement"] = "Everyone" });
        using var byForeign = await foreign.PostWithTokenAsync(url, new Dictionary<string, string> { ["TwoFactorRequirement"] = "Everyone" });
        using var unknown = await owner.PostWithTokenAsync(url, new Dictionary<string, string> { ["TwoFactorRequirement"] = "7" });
        using var missing = await owner.PostWithTokenAsync(url, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byForeign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Choose who must use two-factor sign-in.", Browser.Parse(await unknown.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='TwoFactorRequirement']")!.TextContent);
        Assert.Contains("Choose who must use two-factor sign-in.", Browser.Parse(await missing.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='TwoFactorRequirement']")!.TextContent);
        Assert.Equal(TwoFactorRequirement.None, (await AccountAsync(s)).TwoFactorRequirement);
        Assert.False(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(e => e.Action == AccountAdmin.Core.Audit.AuditActions.TwoFactorRequirementChanged && e.AccountId == s.Account.Id)));
    }

    [Fact]
    public async Task ARefusedNameSave_ShowsTheTwoFactorRequirementAsStored()
    {
        var s = await SetupAsync();
        using var owner = await fixture.SignedInAsync(s.Owner);
        await fixture.WithDataAsync(data => data.Db.Accounts.Where(a => a.Id == s.Account.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.TwoFactorRequirement, TwoFactorRequirement.Administrators)));

        using var refused = await owner.PostFormAsync($"/accounts/{s.Account.Id}/settings", new Dictionary<string, string> { ["Name"] = " " });
        var page = Browser.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for='Name']")!.TextContent.Trim());
        Assert.Equal("Administrators", page.QuerySelector("#two-factor-form input[name=TwoFactorRequirement]:checked")!.GetAttribute("value"));
        Assert.Equal("Settled", (await AccountAsync(s)).Name);
    }

    [Fact]
    public async Task Settings_AreRefused_ToACallAgent_AndToAnotherAgency()
    {
        var s = await SetupAsync();
        var other = await SetupAsync();
        var url = $"/accounts/{s.Account.Id}/settings";
        using var agent = await fixture.SignedInAsync(s.Agent);
        using var foreign = await fixture.SignedInAsync(other.Admin);
        using var eastAdmin = await fixture.SignedInAsync(s.EastAdmin);

        foreach (var browser in new[] { agent, foreign })
        {
            await browser.GetDocumentAsync(url, HttpStatusCode.Forbidden);
            using var post = await browser.PostWithTokenAsync(url, new Dictionary<string, string> { ["Name"] = "Taken", ["DivisionId"] = "", ["DivisionWas"] = s.East.Id.ToString() });
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.Null((await agent.GetDocumentAsync($"/accounts/{s.Account.Id}")).QuerySelector("#nav-settings"));
        Assert.NotNull((await eastAdmin.GetDocumentAsync(url)).QuerySelector("#division-fixed"));
        Assert.Equal("Settled", (await AccountAsync(s)).Name);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SettingsSqliteTests(SqlitePortal fixture) : SettingsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SettingsPostgresTests(PostgresPortal fixture) : SettingsTests(fixture);
