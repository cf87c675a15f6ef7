using AccountAdmin.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class AccountSwitcherJourneys(PortalBrowser portal)
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
        // Other journeys add accounts to the agency, so the menu is checked for the demo's three, not counted.
        foreach (var name in new[] { "Northwind East", "Northwind Main", "Northwind West" })
        {
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = $"{name} · Northwind Agency", Exact = true })).ToHaveCountAsync(1);
        }

        await Assertions.Expect(menu.Locator("a.active")).ToContainTextAsync("Northwind Main");
        await portal.ScreenshotAsync(page, "account-switcher");
        await menu.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Northwind East") }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Northwind East", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#grants")).ToContainTextAsync("Agency Administrator");
    }
}
