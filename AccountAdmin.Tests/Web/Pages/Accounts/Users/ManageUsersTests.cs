using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

public abstract class ManageUsersTests(PortalFixture fixture)
{
    private static string UsersUrl(Account account, string query = "") => $"/accounts/{account.Id}/users{query}";

    private async Task<(Account Account, AppUser Owner)> AccountWithOwnerAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner"));
        });

    private async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private static IReadOnlyList<string> Column(IHtmlDocument page, int index) =>
        page.QuerySelectorAll("#users tbody tr")
            .Select(r => index switch
            {
                0 => r.Children[1].QuerySelector(".fw-semibold")!.TextContent,
                1 => r.Children[2].FirstChild!.TextContent,
                _ => r.Children[index + 1].TextContent,
            })
            .Select(text => text.Trim())
            .ToList();

    [Fact]
    public async Task Owner_SeesTheAccountsUsers_WithRoleStatusAndApiId()
    {
        var (account, owner) = await AccountWithOwnerAsync();
        var agent = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.CallAgent, "Ada", "Agent", withPassword: false));
        using var browser = await SignedInAsync(owner);

        var page = await browser.GetDocumentAsync(UsersUrl(account));

        var row = page.QuerySelector($"#users tr[data-user-id='{agent.Id}']")!;
        Assert.Equal("Ada Agent", row.Children[1].QuerySelector(".fw-semibold")!.TextContent.Trim());
        Assert.Equal(agent.Email, row.Children[2].FirstChild!.TextContent.Trim());
        Assert.Null(row.QuerySelector(".aa-api-id"));
        var userPage = await browser.GetDocumentAsync($"{UsersUrl(account)}/{agent.Id}");
        Assert.Equal(agent.Id.ToString(), userPage.QuerySelector("#api-id")!.TextContent.Trim());
        Assert.NotNull(userPage.QuerySelector("button[data-copy='#api-id']"));
        Assert.Equal("Call Agent", row.Children[3].TextContent.Trim());
        Assert.Equal("Invited", row.Children[4].QuerySelector(".badge")!.TextContent.Trim());
        Assert.Equal("Never", row.Children[5].TextContent.Trim());
        var ownerRow = page.QuerySelector($"#users tr[data-user-id='{owner.Id}']")!;
        Assert.Equal("Active", ownerRow.Children[4].TextContent.Trim());
        Assert.Contains("UTC", ownerRow.Children[5].TextContent);
        Assert.Equal(2, page.QuerySelectorAll("#users tbody tr").Length);
    }

    [Fact]
    public async Task IndirectRole_ShowsWhereItComesFrom()
    {
        var (account, admin) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var account = await data.AccountAsync(agency);
            var admin = await data.UserAsync("aa", "Agnes", "Agency");
            await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
            return (account, admin);
        });
        using var browser = await SignedInAsync(admin);

        var page = await browser.GetDocumentAsync(UsersUrl(account));

        var role = page.QuerySelector($"#users tr[data-user-id='{admin.Id}']")!.Children[3].TextContent;
        Assert.Contains("Owner", role);
        Assert.Contains("via Agency Administrator", role);
    }

    [Theory]
    [InlineData(AccountRole.Owner, HttpStatusCode.OK)]
    [InlineData(AccountRole.Administrator, HttpStatusCode.OK)]
    [InlineData(AccountRole.BillingManager, HttpStatusCode.Forbidden)]
    [InlineData(AccountRole.ReportManager, HttpStatusCode.Forbidden)]
    [InlineData(AccountRole.CallManager, HttpStatusCode.Forbidden)]
    [InlineData(AccountRole.CallAgent, HttpStatusCode.Forbidden)]
    public async Task OnlyRolesThatManageUsers_MayOpenIt(AccountRole role, HttpStatusCode expected)
    {
        var (account, user) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, role));
        });
        using var browser = await SignedInAsync(user);

        var page = await browser.GetDocumentAsync(UsersUrl(account), expected);

        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("don't have access", page.QuerySelector("h1")!.TextContent);
            Assert.Null(page.QuerySelector("#users"));
        }
    }

    [Fact]
    public async Task OwnerOfAnotherAccount_InTheSameAgency_IsRefused()
    {
        var (target, intruder) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var target = await data.AccountAsync(agency);
            await data.MemberAsync(target, AccountRole.CallAgent);
            return (target, await data.MemberAsync(await data.AccountAsync(agency), AccountRole.Owner));
        });
        using var browser = await SignedInAsync(intruder);

        await browser.GetDocumentAsync(UsersUrl(target), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AgencyAdministratorOfAnotherAgency_IsRefused()
    {
        var (target, intruder) = await fixture.WithDataAsync(async data =>
        {
            var target = await data.AccountAsync();
            var otherAgency = await data.AgencyAsync();
            await data.AccountAsync(otherAgency);
            var intruder = await data.UserAsync("intruder");
            await data.AgencyRoleAsync(otherAgency, intruder, AgencyRole.AgencyAdministrator);
            return (target, intruder);
        });
        using var browser = await SignedInAsync(intruder);

        await browser.GetDocumentAsync(UsersUrl(target), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AgencyAndDivisionAdministrators_MayOpenIt()
    {
        var (account, agencyAdmin, divisionAdmin) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var account = await data.AccountAsync(agency, division);
            var agencyAdmin = await data.UserAsync("aa");
            await data.AgencyRoleAsync(agency, agencyAdmin, AgencyRole.AgencyAdministrator);
            var divisionAdmin = await data.UserAsync("da");
            await data.DivisionAdministratorAsync(division, divisionAdmin);
            return (account, agencyAdmin, divisionAdmin);
        });

        using var asAgencyAdmin = await SignedInAsync(agencyAdmin);
        using var asDivisionAdmin = await SignedInAsync(divisionAdmin);

        await asAgencyAdmin.GetDocumentAsync(UsersUrl(account));
        await asDivisionAdmin.GetDocumentAsync(UsersUrl(account));
    }

    [Fact]
    public async Task SuspendedOwner_IsRefused_AtOnce()
    {
        var (account, owner) = await AccountWithOwnerAsync();
        using var browser = await SignedInAsync(owner);
        await browser.GetDocumentAsync(UsersUrl(account));

        await fixture.WithDataAsync(data => data.SuspendAsync(account, owner));

        await browser.GetDocumentAsync(UsersUrl(account), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/accounts/not-a-guid/users")]
    [InlineData("/accounts/123/users")]
    [InlineData("/accounts/00000000-0000-0000-0000-000000000000/users")]
    public async Task MalformedOrUnknownAccountIds_AreNotFound(string url)
    {
        var (_, owner) = await AccountWithOwnerAsync();
        using var browser = await SignedInAsync(owner);

        var page = await browser.GetDocumentAsync(url, HttpStatusCode.NotFound);

        Assert.Contains("Page not found", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Search_WithMarkupAndSql_IsMatchedLiterallyAndShownEncoded()
    {
        var (account, owner) = await AccountWithOwnerAsync();
        var odd = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.CallAgent, "<b>Bold'--", "%Name"));
        using var browser = await SignedInAsync(owner);

        using var response = await browser.GetAsync(UsersUrl(account, "?q=" + Uri.EscapeDataString("<b>bold'--")));
        var html = await response.Content.ReadAsStringAsync();
        var page = Browser.Parse(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<b>Bold", html);
        Assert.Equal([odd.Id.ToString()], page.QuerySelectorAll("#users tbody tr").Select(r => r.GetAttribute("data-user-id")));
        Assert.Equal("<b>bold'--", page.QuerySelector<IHtmlInputElement>("#q")!.Value);

        var wildcard = await browser.GetDocumentAsync(UsersUrl(account, "?q=%25nA"));
        Assert.Equal([odd.Id.ToString()], wildcard.QuerySelectorAll("#users tbody tr").Select(r => r.GetAttribute("data-user-id")));
    }

    [Fact]
    public async Task Filters_ByRoleAndStatus_FromTheQueryString()
    {
        var (account, owner) = await AccountWithOwnerAsync();
        var invited = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.CallAgent, withPassword: false));
        using var browser = await SignedInAsync(owner);

        var agents = await browser.GetDocumentAsync(UsersUrl(account, "?role=CallAgent"));
        var invitedOnly = await browser.GetDocumentAsync(UsersUrl(account, "?status=invited"));
        var owners = await browser.GetDocumentAsync(UsersUrl(account, "?role=Owner&status=Active"));

        Assert.Equal([invited.Email!], Column(agents, 1));
        Assert.Equal([invited.Email!], Column(invitedOnly, 1));
        Assert.Equal([owner.Email!], Column(owners, 1));
        Assert.Equal("CallAgent", agents.QuerySelector<IHtmlSelectElement>("#role")!.Value);
    }

    [Fact]
    public async Task ParametersOutsideTheAllowedSet_FallBackToDefaults()
    {
        var (account, owner) = await AccountWithOwnerAsync();
        await fixture.WithDataAsync(async data =>
        {
            for (var i = 0; i < 3; i++)
            {
                await data.MemberAsync(account, AccountRole.CallAgent, $"Zed{i}", "Agent");
            }

            return 0;
        });
        using var browser = await SignedInAsync(owner);

        var page = await browser.GetDocumentAsync(UsersUrl(account, "?size=100000&sort=DROP%20TABLE&dir=sideways&role=999&status=-1"));

        Assert.Equal(4, page.QuerySelectorAll("#users tbody tr").Length);
        Assert.Equal("50", page.QuerySelector<IHtmlSelectElement>("#size")!.Value);
        Assert.Empty(page.QuerySelectorAll("#role option[selected], #status option[selected]"));
        Assert.Equal("ascending", page.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        Assert.Equal(["Olga Owner", "Zed0 Agent", "Zed1 Agent", "Zed2 Agent"], Column(page, 0));
    }

    [Fact]
    public async Task Paging_FollowsNextAndPreviousLinks()
    {
        var (account, owner) = await AccountWithOwnerAsync();
        await fixture.WithDataAsync(async data =>
        {
            for (var i = 0; i < 30; i++)
            {
                await data.MemberAsync(account, AccountRole.CallAgent, $"Pat{i:D2}", "Paged", withPassword: false);
            }

            return 0;
        });
        using var browser = await SignedInAsync(owner);

        var first = await browser.GetDocumentAsync(UsersUrl(account, "?size=25"));
        Assert.Null(first.QuerySelector("#previous-page"));
        var next = first.QuerySelector<IHtmlAnchorElement>("#next-page")!.GetAttribute("href")!;
        var second = await browser.GetDocumentAsync(next);
        var previous = second.QuerySelector<IHtmlAnchorElement>("#previous-page")!.GetAttribute("href")!;
        var back = await browser.GetDocumentAsync(previous);

        Assert.Equal(25, Column(first, 0).Count);
        Assert.Equal(6, Column(second, 0).Count);
        Assert.Null(second.QuerySelector("#next-page"));
        Assert.Empty(Column(first, 0).Intersect(Column(second, 0)));
        Assert.Equal(Column(first, 0), Column(back, 0));
    }

    [Fact]
    public async Task SortingByAColumn_TogglesItsDirection()
    {
        var (account, owner) = await AccountWithOwnerAsync();
        var agent = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.CallAgent, "Aaron", "Agent"));
        using var browser = await SignedInAsync(owner);

        var page = await browser.GetDocumentAsync(UsersUrl(account));
        var byEmail = await browser.GetDocumentAsync(page.QuerySelector("#sort-email")!.GetAttribute("href")!);
        var byEmailDescending = await browser.GetDocumentAsync(byEmail.QuerySelector("#sort-email")!.GetAttribute("href")!);

        var ascending = new[] { owner.Email!, agent.Email! }.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ascending, Column(byEmail, 1));
        Assert.Equal(ascending.AsEnumerable().Reverse(), Column(byEmailDescending, 1));
    }

    [Theory]
    [InlineData("after")]
    [InlineData("before")]
    public async Task TamperedCursor_IsRejected_AndTheListStartsOver(string direction)
    {
        var (account, owner) = await AccountWithOwnerAsync();
        using var browser = await SignedInAsync(owner);

        var page = await browser.GetDocumentAsync(UsersUrl(account, $"?{direction}=CfDJ8tampered-cursor_value"));

        Assert.Contains("not valid", page.QuerySelector("#status-message")!.TextContent);
        Assert.Equal([owner.Email!], Column(page, 1));
    }

    [Fact]
    public async Task CursorOfAnotherAccount_IsRejected()
    {
        var (account, owner) = await AccountWithOwnerAsync();
        var other = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            await data.GrantAsync(other, owner, AccountRole.Owner);
            for (var i = 0; i < 26; i++)
            {
                await data.MemberAsync(other, AccountRole.CallAgent, withPassword: false);
            }

            return other;
        });
        using var browser = await SignedInAsync(owner);
        var otherPage = await browser.GetDocumentAsync(UsersUrl(other, "?size=25"));
        var next = new Uri("http://x" + otherPage.QuerySelector("#next-page")!.GetAttribute("href")!).Query;

        var page = await browser.GetDocumentAsync(UsersUrl(account, next));

        Assert.NotNull(page.QuerySelector("#status-message"));
        Assert.Equal([owner.Email!], Column(page, 1));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ManageUsersSqliteTests(SqlitePortal fixture) : ManageUsersTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ManageUsersPostgresTests(PostgresPortal fixture) : ManageUsersTests(fixture);
