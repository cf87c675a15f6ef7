using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;

namespace AccountAdmin.Tests.Web.Pages.Home;

public abstract class SwitcherTests(PortalFixture fixture)
{
    [Fact]
    public async Task Switcher_ListsTheOpenableAccounts_MarkingTheCurrentOne()
    {
        var (user, first, second) = await fixture.WithDataAsync(async data =>
        {
            var first = await data.AccountAsync(name: TestData.Unique("A-First"));
            var second = await data.AccountAsync(name: TestData.Unique("B-Second"));
            var user = await data.MemberAsync(first, AccountRole.CallAgent);
            await data.GrantAsync(second, user, AccountRole.Owner);
            await data.AccountAsync();
            return (user, first, second);
        });
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);

        var menu = await browser.GetDocumentAsync($"/switcher?current={second.Id}");

        var links = menu.QuerySelectorAll("a.dropdown-item").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/accounts/{first.Id}", $"/accounts/{second.Id}", "/"], links);
        Assert.Equal($"/accounts/{second.Id}", menu.QuerySelector("a.active")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Header_WithoutScript_LinksToTheAccountList_AndNamesTheCurrentAccount()
    {
        var (owner, account) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (await data.MemberAsync(account, AccountRole.Owner), account);
        });
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(owner.Email!);

        var page = await browser.GetDocumentAsync($"/accounts/{account.Id}/users");

        var toggle = page.QuerySelector("#account-switcher")!;
        Assert.Equal("/", toggle.GetAttribute("href"));
        Assert.Equal(account.Name, toggle.TextContent.Trim());
        Assert.Equal($"/switcher?current={account.Id}", page.QuerySelector("[data-account-switcher]")!.GetAttribute("data-account-switcher"));
    }

    [Fact]
    public async Task Switcher_ForAnonymous_SendsToSignIn()
    {
        using var browser = fixture.NewBrowser();

        using var response = await browser.GetAsync("/switcher");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SwitcherSqliteTests(SqlitePortal fixture) : SwitcherTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SwitcherPostgresTests(PostgresPortal fixture) : SwitcherTests(fixture);
