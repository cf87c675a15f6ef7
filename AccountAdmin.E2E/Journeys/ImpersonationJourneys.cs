using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class ImpersonationJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task SupportStaff_LogInAsACallAgent_WithAReason_SeeTheirView_Return_AndTheAuditLogShowsBothNames()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var agent = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Cal", $"Agent{tag}");

        var page = await portal.NewPageAsync("support@accountadmin.test");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the support console" }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "User" }).FillAsync(agent.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Log in as Cal Agent{tag}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Log in as Cal Agent{tag}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#impersonation-accounts")).ToHaveTextAsync("Northwind Main: Call Agent");
        await page.GetByLabel("Reason").FillAsync($"Ticket {tag}: the agent can't find the call log");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Log in as Cal Agent{tag}" }).ClickAsync();

        var banner = page.Locator("#impersonation-banner");
        await Assertions.Expect(banner).ToContainTextAsync($"You, Sam Support, are logged in as Cal Agent{tag}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#account-links").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Overview"]);
        await Assertions.Expect(page.Locator("#agency-links, #support-links")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#grants")).ToHaveTextAsync("Call Agent");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "impersonation-agent-view");

        await page.GotoAsync("/profile");
        await page.GetByLabel("Send me daily e-mail reminders").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("Your preferences are saved.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Return to my account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("You are back in your own account.");
        await Assertions.Expect(banner).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "User" }).FillAsync($"agent{tag}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var update = page.Locator("#audit-events tr[data-action='user.preferences_updated']");
        await Assertions.Expect(update.Locator("[data-column=actor]")).ToContainTextAsync($"Cal Agent{tag}");
        await Assertions.Expect(update.Locator("[data-column=impersonator]")).ToContainTextAsync("by Sam Support");
        await Assertions.Expect(page.Locator("#audit-events tr[data-action='impersonation.started']")).ToContainTextAsync($"Ticket {tag}");
        await Assertions.Expect(page.Locator("#audit-events tr[data-action='impersonation.ended']")).ToContainTextAsync("returned");
        await portal.ScreenshotAsync(page, "impersonation-audit-log");
    }
}
