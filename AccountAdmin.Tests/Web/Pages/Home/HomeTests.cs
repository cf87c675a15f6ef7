using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;

namespace AccountAdmin.Tests.Web.Pages.Home;

public abstract class HomeTests(PortalFixture fixture)
{
    [Fact]
    public async Task Home_LeadsAnAgencyAdministratorAndADivisionsAdministrator_ToTheirAgencysPages_AndNobodyElse()
    {
        var (agency, admin, divisionAdmin, owner, billing) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var account = await data.AccountAsync(agency, division);
            var admin = await data.UserAsync("agencyadmin");
            await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
            var divisionAdmin = await data.UserAsync("divadmin");
            await data.DivisionAdministratorAsync(division, divisionAdmin);
            var billing = await data.UserAsync("billing");
            await data.AgencyRoleAsync(agency, billing, AgencyRole.AgencyBillingManager);
            return (agency, admin, divisionAdmin, await data.MemberAsync(account, AccountRole.Owner), billing);
        });

        async Task<IReadOnlyList<string>> AgencyLinksAsync(AppUser user)
        {
            using var browser = fixture.NewBrowser();
            await browser.SignInAsync(user.Email!);
            var page = await browser.GetDocumentAsync("/");
            return page.QuerySelectorAll("[data-agency] a").Select(a => $"{a.TextContent.Trim()} {a.GetAttribute("href")}").ToList();
        }

        Assert.Equal(
            new[] { "Accounts accounts", "Divisions divisions", "All Accounts users", "Agency audit log audit", "Agency settings settings" }
                .Select(l => l.Split(' ') is var parts ? $"{string.Join(' ', parts[..^1])} /agencies/{agency.Id}/{parts[^1]}" : l),
            await AgencyLinksAsync(admin));
        Assert.Equal([$"Accounts /agencies/{agency.Id}/accounts", $"Divisions /agencies/{agency.Id}/divisions"], await AgencyLinksAsync(divisionAdmin));
        Assert.Empty(await AgencyLinksAsync(owner));
        Assert.Empty(await AgencyLinksAsync(billing));
    }

    [Fact]
    public async Task Home_ListsTheAccountsTheUserCanOpen_AndNoOthers()
    {
        var (user, member, viaAgency, viaDivision, suspended, foreign) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var member = await data.AccountAsync(await data.AgencyAsync());
            var user = await data.MemberAsync(member, AccountRole.CallAgent);
            await data.AgencyRoleAsync(agency, user, AgencyRole.AgencyBillingManager);
            var viaAgency = await data.AccountAsync(agency);
            var viaDivision = await data.AccountAsync(await data.AgencyAsync(), await data.DivisionAsync(await data.AgencyAsync()));
            var divisionAccount = await data.AccountAsync(agency, division);
            await data.DivisionMemberAsync(division, user);
            var suspended = await data.AccountAsync();
            await data.GrantAsync(suspended, user, AccountRole.Administrator);
            await data.SuspendAsync(suspended, user);
            var foreign = await data.AccountAsync();
            return (user, member, viaAgency, divisionAccount, suspended, foreign);
        });
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);

        var page = await browser.GetDocumentAsync("/");

        var links = page.QuerySelectorAll("#account-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(
            new[] { member, viaAgency, viaDivision }.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $"/accounts/{a.Id}"),
            links);
        Assert.DoesNotContain($"/accounts/{suspended.Id}", links);
        Assert.DoesNotContain($"/accounts/{foreign.Id}", links);
        Assert.NotNull(page.QuerySelector("#account-switcher"));
    }

    [Fact]
    public async Task Home_WithoutAccounts_SaysSo()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);

        var page = await browser.GetDocumentAsync("/");

        Assert.NotNull(page.QuerySelector("#no-accounts"));
    }

    [Fact]
    public async Task Overview_ShowsEachPermissionWithItsSource()
    {
        var (account, user, division) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var account = await data.AccountAsync(agency, division);
            var user = await data.MemberAsync(account, AccountRole.CallAgent);
            await data.DivisionMemberAsync(division, user);
            return (account, user, division);
        });
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);

        var page = await browser.GetDocumentAsync($"/accounts/{account.Id}");

        var rows = page.QuerySelectorAll("#permissions tbody tr")
            .ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[1].TextContent.Trim());
        Assert.Equal($"Call Agent, Member of division {division.Name}", rows["View own calls and make calls"]);
        Assert.Equal($"Member of division {division.Name}", rows["Manage reports"]);
        Assert.False(rows.ContainsKey("Manage users"));
        Assert.Null(page.QuerySelector("a[href$='/users']"));
    }

    [Fact]
    public async Task Overview_OfAnAccountWithoutAccess_IsForbidden()
    {
        var (account, user) = await fixture.WithDataAsync(async data =>
            (await data.AccountAsync(), await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner)));
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);

        await browser.GetDocumentAsync($"/accounts/{account.Id}", HttpStatusCode.Forbidden);
        await browser.GetDocumentAsync($"/accounts/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownAddress_ShowsTheNotFoundPage()
    {
        using var browser = fixture.NewBrowser();

        var page = await browser.GetDocumentAsync("/no/such/page", HttpStatusCode.NotFound);

        Assert.Contains("Page not found", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Pages_SendSecurityHeaders()
    {
        using var browser = fixture.NewBrowser();

        using var response = await browser.GetAsync("/login");

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HomeSqliteTests(SqlitePortal fixture) : HomeTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HomePostgresTests(PostgresPortal fixture) : HomeTests(fixture);
