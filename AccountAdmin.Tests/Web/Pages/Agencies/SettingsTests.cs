using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Agencies;

/// <summary>Agency settings: an Agency Administrator requires two-factor across the agency; nobody else may.</summary>
public abstract class SettingsTests(PortalFixture fixture)
{
    private sealed record World(Agency Agency, AppUser Admin, Account Account, AppUser Owner, AppUser Agent);

    private Task<World> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var admin = await data.UserAsync();
        await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
        var account = await data.AccountAsync(agency);
        return new World(agency, admin, account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
    });

    private Task<TwoFactorRequirement> StoredAsync(World w) =>
        fixture.WithDataAsync(data => data.Db.Agencies.AsNoTracking().Where(a => a.Id == w.Agency.Id).Select(a => a.TwoFactorRequirement).SingleAsync());

    [Fact]
    public async Task AnAgencyAdministrator_RequiresItOfAdministrators_AndAnOwnerIsLedToSetItUp_ButNotAnAgent()
    {
        var w = await WorldAsync();
        var url = $"/agencies/{w.Agency.Id}/settings";
        using var admin = await fixture.SignedInAsync(w.Admin);

        Assert.NotNull((await admin.GetDocumentAsync($"/agencies/{w.Agency.Id}/accounts")).QuerySelector($"#agency-links a[href='{url}']"));
        using var saved = await admin.PostFormAsync(url, new Dictionary<string, string> { ["TwoFactorRequirement"] = "Administrators" }, "#two-factor-form");
        var page = await admin.GetDocumentAsync(url);
        using var owner = fixture.NewBrowser();
        using var ownerSignIn = await owner.PostFormAsync("/login", new Dictionary<string, string> { ["Input.SignInName"] = w.Owner.Email!, ["Input.Password"] = TestData.Password });
        using var agent = fixture.NewBrowser();
        using var agentSignIn = await agent.PostFormAsync("/login", new Dictionary<string, string> { ["Input.SignInName"] = w.Agent.Email!, ["Input.Password"] = TestData.Password });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("required of Owners and Administrators across", page.QuerySelector("#status-message")!.TextContent);
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#two-factor-administrators")!.IsChecked);
        Assert.Equal(TwoFactorRequirement.Administrators, await StoredAsync(w));
        Assert.Equal("/profile/two-factor", ownerSignIn.Headers.Location?.OriginalString);
        Assert.NotEqual("/profile/two-factor", agentSignIn.Headers.Location?.OriginalString);
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(e => e.Action == AuditActions.TwoFactorRequirementChanged && e.AgencyId == w.Agency.Id)));
    }

    [Fact]
    public async Task AnOwner_AndAnotherAgencysAdministrator_AreRefused_AndNothingChanges()
    {
        var w = await WorldAsync();
        var other = await WorldAsync();
        var url = $"/agencies/{w.Agency.Id}/settings";
        using var owner = await fixture.SignedInAsync(w.Owner);
        using var foreign = await fixture.SignedInAsync(other.Admin);

        foreach (var browser in new[] { owner, foreign })
        {
            using var read = await browser.GetAsync(url);
            using var post = await browser.PostWithTokenAsync(url, new Dictionary<string, string> { ["TwoFactorRequirement"] = "Everyone" });
            Assert.Contains(read.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
            Assert.Contains(post.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        }

        Assert.Equal(TwoFactorRequirement.None, await StoredAsync(w));
    }

    [Fact]
    public async Task APostWithoutAChoice_OrWithOneThatIsNone_IsRefusedAtTheField_AndNothingChanges()
    {
        var w = await WorldAsync();
        var url = $"/agencies/{w.Agency.Id}/settings";
        using var admin = await fixture.SignedInAsync(w.Admin);
        using (await admin.PostFormAsync(url, new Dictionary<string, string> { ["TwoFactorRequirement"] = "Everyone" }, "#two-factor-form"))
        {
        }

        foreach (var fields in new[] { new Dictionary<string, string>(), new() { ["TwoFactorRequirement"] = "Sometimes" } })
        {
            using var refused = await admin.PostWithTokenAsync(url, fields);
            var page = Browser.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Choose who must use two-factor sign-in.", page.QuerySelector("[data-valmsg-for='TwoFactorRequirement']")!.TextContent);
            Assert.Equal("Everyone", page.QuerySelector("input[name=TwoFactorRequirement]:checked")!.GetAttribute("value"));
        }

        Assert.Equal(TwoFactorRequirement.Everyone, await StoredAsync(w));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgencySettingsSqliteTests(SqlitePortal fixture) : SettingsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AgencySettingsPostgresTests(PostgresPortal fixture) : SettingsTests(fixture);
