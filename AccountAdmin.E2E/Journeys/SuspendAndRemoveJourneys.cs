using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class SuspendAndRemoveJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task SuspendedWhileSignedIn_TheNextClickIsRefused_ThenRemoval_IsEmailed()
    {
        var agent = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Suzy", "Suspended");
        var agentPage = await portal.NewPageAsync();
        await new LoginPage(agentPage).SignInAsync(agent.Email!, PortalData.Password);
        await agentPage.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await Assertions.Expect(agentPage.Locator("#grants")).ToContainTextAsync("Call Agent");

        var owner = await portal.NewPageAsync("owner@northwind.test");
        var users = new ManageUsersPage(owner);
        await users.OpenFromTheSidebarAsync("Northwind Main");
        await users.SearchAsync("suzy");
        await ManageUsersPage.ChooseAsync(owner, "Suzy Suspended", "Suspend Suzy Suspended");
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Suspend Suzy Suspended in Northwind Main?");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Suspend User" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("Suzy Suspended is suspended");
        await Assertions.Expect(owner.Locator("#users")).ToContainTextAsync("Suspended");

        await agentPage.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Assertions.Expect(agentPage.GetByRole(AriaRole.Heading, new() { Name = "You don't have access to this page" })).ToBeVisibleAsync();
        var suspended = Assert.Single(await portal.Mail.WaitForAsync(agent.Email!));
        Assert.Contains("suspended", suspended.Subject);

        await ManageUsersPage.ChooseAsync(owner, "Suzy Suspended", "Remove Suzy Suspended");
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Remove Suzy Suspended from Northwind Main?" })).ToBeVisibleAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Remove User" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("was removed from Northwind Main");

        var mails = await portal.Mail.WaitForAsync(agent.Email!, count: 2);
        Assert.Contains(mails, m => m.Subject == "Olive Owner removed you from Northwind Main");
        await agentPage.ReloadAsync();
        await Assertions.Expect(agentPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }
}
