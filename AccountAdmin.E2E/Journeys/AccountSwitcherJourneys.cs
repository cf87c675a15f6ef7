using AccountAdmin.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

[Collection(PortalCollection.Name)]
public sealed class AccountSwitcherJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task AgencyAdministrator_SwitchesAccounts_FromTheHeader()
    {
        var page = await portal.NewPageAsync("agency.admin@northwind.test");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#account-switcher")).ToHaveTextAsync("Northwind Main");

        await page.Locator("#account-switcher").ClickAsync();
        var menu = page.Locator("#account-switcher-menu");
        await Assertions.Expect(menu.GetByRole(AriaRole.Link)).ToHaveCountAsync(4);
        await Assertions.Expect(menu.Locator("a.active")).ToContainTextAsync("Northwind Main");
        await portal.ScreenshotAsync(page, "account-switcher");
        await menu.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Northwind East") }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Northwind East", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#grants")).ToContainTextAsync("Agency Administrator");
    }
}
