using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class DivisionJourneys(PortalBrowser portal)
{
    private const string Agency = "Northwind Agency";

    [Fact]
    public async Task AgencyAdministrator_CreatesADivision_MovesTwoAccountsIn_AssignsAUser_WhoThenReportsOnBoth()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var loose = await PortalData.AccountAsync(portal.Server, Agency, $"Loose {tag}");
        var eastern = await PortalData.AccountAsync(portal.Server, Agency, $"Eastern {tag}", "East Coast");
        var user = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Rhea", $"Reporter{tag}");

        var admin = await portal.NewPageAsync("agency.admin@northwind.test");
        await admin.GotoAsync("/");
        await admin.Locator("[data-agency]").GetByRole(AriaRole.Link, new() { Name = "Divisions" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "New Division" }).ClickAsync();
        await admin.GetByLabel("Name").FillAsync($"Central {tag}");
        await admin.GetByLabel("Description (optional)").FillAsync("Made by a journey");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save Changes" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"Central {tag}", Level = 1 })).ToBeVisibleAsync();

        await admin.GetByRole(AriaRole.Link, new() { Name = "Edit Accounts" }).ClickAsync();
        var left = admin.Locator("#picker-left");
        // The lists come from the server as one types and moves, without leaving the page.
        await admin.EvaluateAsync("() => window.stillHere = true");
        await admin.GetByLabel("Filter eligible accounts").PressSequentiallyAsync(tag);
        await Assertions.Expect(left.Locator("option")).ToHaveCountAsync(2);
        await Assertions.Expect(admin.Locator("#picker-left-shown")).ToHaveTextAsync($"2 shown of 2 matching “{tag}”.");
        await Assertions.Expect(admin.GetByLabel("Filter eligible accounts")).ToBeFocusedAsync();
        await Assertions.Expect(admin.Locator("#picker [data-swap-live]")).ToContainTextAsync($"2 shown of 2 matching “{tag}”.");
        await Assertions.Expect(left.Locator("option", new() { HasText = $"Eastern {tag} * (East Coast)" })).ToHaveCountAsync(1);
        await left.SelectOptionAsync([new SelectOptionValue { Label = $"Eastern {tag} * (East Coast)" }, new SelectOptionValue { Label = $"Loose {tag}" }]);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("#picker-right option")).ToHaveCountAsync(2);
        await Assertions.Expect(admin.Locator("[data-swap-part=pending]")).ToHaveTextAsync("Not saved yet: 2 to add.");
        Assert.True(await admin.EvaluateAsync<bool>("() => window.stillHere === true"));
        await portal.ScreenshotAsync(admin, "division-edit-accounts");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save Changes" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#status-message")).ToContainTextAsync($"Central {tag} saved: 1 account added; Eastern {tag} moved here from East Coast.");
        await Assertions.Expect(admin.Locator("#division-accounts li")).ToHaveCountAsync(2);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Edit Assigned Users" }).ClickAsync();
        await admin.GetByLabel("Filter eligible users").FillAsync($"reporter{tag}");
        await Assertions.Expect(admin.Locator("#picker-left option")).ToHaveCountAsync(1);
        await admin.Locator("#picker-left option").DblClickAsync();
        await Assertions.Expect(admin.Locator("#picker-right option")).ToHaveTextAsync([$"Rhea Reporter{tag} · {user.Email}"]);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save Changes" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#status-message")).ToContainTextAsync($"Central {tag} saved: 1 user added.");
        await portal.ScreenshotAsync(admin, "division-page");

        await admin.Locator("#agency-links").GetByRole(AriaRole.Link, new() { Name = "Divisions" }).ClickAsync();
        var row = admin.Locator("#divisions tbody tr", new() { HasText = $"Central {tag}" });
        await Assertions.Expect(row.Locator("[data-count=accounts]")).ToHaveTextAsync("2");
        await Assertions.Expect(row.Locator("[data-count=users]")).ToHaveTextAsync("1");

        var reporter = await portal.NewPageAsync();
        await new LoginPage(reporter).SignInAsync(user.Email!, PortalData.Password);
        foreach (var account in new[] { loose, eastern })
        {
            await reporter.GotoAsync("/");
            await reporter.GetByRole(AriaRole.Link, new() { Name = account.Name }).ClickAsync();
            await Assertions.Expect(reporter.GetByRole(AriaRole.Heading, new() { Name = account.Name, Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(reporter.Locator("#grants")).ToContainTextAsync($"Member of division Central {tag}");
            await Assertions.Expect(reporter.Locator("#grants")).ToContainTextAsync("works as Report Manager");
            await Assertions.Expect(reporter.Locator("#permissions")).ToContainTextAsync("Manage reports");
        }

        await portal.ScreenshotAsync(reporter, "division-member-overview");
    }

    [Fact]
    public async Task DivisionAdministrator_CreatesAnAccount_AndFindsItInTheirDivision()
    {
        var name = $"Harbor {Guid.NewGuid():N}"[..14];
        var page = await portal.NewPageAsync("division.admin@northwind.test");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind East" }).First.ClickAsync();
        await page.Locator("#agency-links").GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New Account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#automatic-division")).ToContainTextAsync("East Coast");
        await page.GetByLabel("Account name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Get Started" }).ClickAsync();

        await Assertions.Expect(page.Locator("#status-message")).ToHaveTextAsync($"The account {name} was created in the division East Coast.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await page.Locator("#agency-links").GetByRole(AriaRole.Link, new() { Name = "Divisions" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "East Coast" }).ClickAsync();
        await Assertions.Expect(page.Locator("#division-accounts")).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit Admins" })).ToHaveCountAsync(0);
        await portal.ScreenshotAsync(page, "division-admin-new-account");
    }
}
