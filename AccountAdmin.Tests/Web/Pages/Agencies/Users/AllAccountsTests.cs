using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Agencies.Users;

public abstract class AllAccountsTests(PortalFixture fixture)
{
    private async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private async Task<(Agency Agency, Account Account, AppUser Admin, AppUser Target, AppUser Owner)> AgencyAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var account = await data.AccountAsync(agency);
            var admin = await data.UserAsync("aa", "Ada", "Admin");
            await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
            var target = await data.MemberAsync(account, AccountRole.Administrator, "Tom", "Target");
            await data.AgencyRoleAsync(agency, target, AgencyRole.AgencyAdministrator);
            return (agency, account, admin, target, await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner"));
        });

    [Fact]
    public async Task AgencyAdministrator_RemovesAnotherFromAllAccounts_FromTheAllAccountsList()
    {
        var (agency, account, admin, target, owner) = await AgencyAsync();
        using var browser = await SignedInAsync(admin);
        var manage = await browser.GetDocumentAsync($"/accounts/{account.Id}/users");
        var list = await browser.GetDocumentAsync(manage.QuerySelector("#all-accounts")!.GetAttribute("href")!);
        string Cell(AppUser user) => list.QuerySelector($"tr[data-user-id='{user.Id}'] td[data-label='Accounts']")!.TextContent.Trim();
        Assert.Equal(3, list.QuerySelectorAll("#agency-users tbody tr").Length);
        Assert.Null(list.QuerySelector($"tr[data-user-id='{admin.Id}'] a.btn"));
        var confirmUrl = list.QuerySelector("a[aria-label='Remove Tom Target from all accounts']")!.GetAttribute("href")!;
        // An Agency Administrator opens every account; others are counted by the accounts they work in.
        Assert.Equal("Every account", Cell(admin));
        Assert.Equal("Every account", Cell(target));
        Assert.Equal("1 account", Cell(owner));
        var confirm = await browser.GetDocumentAsync(confirmUrl);
        Assert.Contains($"access to every account and division of {agency.Name}, all at once, including the roles they hold themselves in 1 account.",
            confirm.QuerySelector("main")!.TextContent);

        using var response = await browser.PostFormAsync(confirmUrl, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await browser.GetDocumentAsync($"/agencies/{agency.Id}/users");
        Assert.Contains("was removed from all", after.QuerySelector("#status-message")!.TextContent);
        Assert.Null(after.QuerySelector($"tr[data-user-id='{target.Id}']"));
        await fixture.WithDataAsync(async data =>
        {
            Assert.False(await data.Db.AgencyRoleGrants.AnyAsync(g => g.UserId == target.Id));
            Assert.NotNull((await data.Db.Memberships.AsNoTracking().SingleAsync(m => m.UserId == target.Id)).EndedAt);
        });
    }

    [Fact]
    public async Task EachName_OpensTheUsersPage_InTheirHomeAccountOrTheFirstOfTheirs_AndSomeoneInNoAccountIsPlainText()
    {
        var (agency, account, admin, target, owner) = await AgencyAsync();
        var (home, movedIn) = await fixture.WithDataAsync(async data =>
        {
            var alpha = await data.AccountAsync(agency, name: $"AAA {TestData.Unique("first")}");
            var home = await data.AccountAsync(agency, name: $"ZZZ {TestData.Unique("home")}");
            var moved = await data.MemberAsync(home, AccountRole.CallAgent, "Mo", "Moved");
            await data.GrantAsync(alpha, moved, AccountRole.CallAgent);
            return (home, moved);
        });
        using var browser = await SignedInAsync(admin);

        var list = await browser.GetDocumentAsync($"/agencies/{agency.Id}/users");

        Assert.Equal($"/accounts/{account.Id}/users/{owner.Id}", list.QuerySelector($"tr[data-user-id='{owner.Id}'] a[data-edit-user]")!.GetAttribute("href"));
        Assert.Equal($"/accounts/{home.Id}/users/{movedIn.Id}", list.QuerySelector($"tr[data-user-id='{movedIn.Id}'] a[data-edit-user]")!.GetAttribute("href"));
        Assert.Null(list.QuerySelector($"tr[data-user-id='{admin.Id}'] a[data-edit-user]"));
        var page = await browser.GetDocumentAsync(list.QuerySelector($"tr[data-user-id='{movedIn.Id}'] a[data-edit-user]")!.GetAttribute("href")!);
        Assert.Contains("Mo Moved", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task AllAccounts_IsRefusedToAccountOwners_AndToAnotherAgencysAdministrator()
    {
        var (agency, account, _, target, owner) = await AgencyAsync();
        var foreign = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync("foreign");
            await data.AgencyRoleAsync(await data.AgencyAsync(), user, AgencyRole.AgencyAdministrator);
            return user;
        });
        using var asOwner = await SignedInAsync(owner);
        using var asForeign = await SignedInAsync(foreign);

        Assert.Null((await asOwner.GetDocumentAsync($"/accounts/{account.Id}/users")).QuerySelector("#all-accounts"));
        await asOwner.GetDocumentAsync($"/agencies/{agency.Id}/users", HttpStatusCode.Forbidden);
        await asForeign.GetDocumentAsync($"/agencies/{agency.Id}/users", HttpStatusCode.Forbidden);
        await asForeign.GetDocumentAsync($"/agencies/{agency.Id}/users/{target.Id}/remove", HttpStatusCode.Forbidden);
        await asForeign.GetDocumentAsync($"/agencies/{Guid.NewGuid()}/users", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RemovePage_ForSomeoneWhoIsNotAnAgencyAdministrator_IsNotFound()
    {
        var (agency, _, admin, _, owner) = await AgencyAsync();
        using var browser = await SignedInAsync(admin);

        await browser.GetDocumentAsync($"/agencies/{agency.Id}/users/{owner.Id}/remove", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TamperedPageLink_StartsTheListOver()
    {
        var (agency, _, admin, _, _) = await AgencyAsync();
        using var browser = await SignedInAsync(admin);

        var page = await browser.GetDocumentAsync($"/agencies/{agency.Id}/users?after=forged");

        Assert.NotNull(page.QuerySelector("#status-message"));
        Assert.Equal(3, page.QuerySelectorAll("#agency-users tbody tr").Length);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AllAccountsSqliteTests(SqlitePortal fixture) : AllAccountsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AllAccountsPostgresTests(PostgresPortal fixture) : AllAccountsTests(fixture);
