using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class BulkActionJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task AnOwnerTicksRows_SuspendsThemAll_ByKeyboard_AndTheOwnerAmongThemIsLeftWithTheReason()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var first = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Bea", $"Bulk{tag}");
        var second = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallManager, "Ben", $"Bulk{tag}");
        await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.Owner, "Bo", $"Bulk{tag}");
        var owner = await portal.NewPageAsync("owner@northwind.test");
        var users = new ManageUsersPage(owner);
        await users.OpenFromTheSidebarAsync("Northwind Main");
        await users.SearchAsync($"bulk{tag}");
        await Assertions.Expect(owner.Locator("#user-total")).ToContainTextAsync("3 users found");

        await owner.GetByLabel("Tick every user on this page").CheckAsync();
        await Assertions.Expect(owner.Locator("#user-total")).ToContainTextAsync("3 ticked");
        await owner.GetByLabel("With the ticked users").SelectOptionAsync("Suspend");
        await Assertions.Expect(owner.GetByLabel("New role")).ToBeHiddenAsync();
        await portal.ScreenshotAsync(owner, "bulk-ticked");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Continue…" }).FocusAsync();
        await owner.Keyboard.PressAsync("Enter");

        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Suspend 2 users in Northwind Main?");
        await Assertions.Expect(owner.Locator("#bulk-refusals")).ToContainTextAsync($"Bo Bulk{tag}");
        await Assertions.Expect(owner.Locator("#bulk-refusals")).ToContainTextAsync("Owners are changed one at a time");
        var violations = await Axe.CheckAsync(owner);
        Assert.True(violations.Count == 0, Axe.Describe("bulk confirmation", violations));
        await portal.ScreenshotAsync(owner, "bulk-confirmation");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Suspend 2 users" }).FocusAsync();
        await owner.Keyboard.PressAsync("Enter");

        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync($"Suspended 2 users in Northwind Main: Bea Bulk{tag} and Ben Bulk{tag}.");
        await Assertions.Expect(owner).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"q=bulk{tag}"));
        await Assertions.Expect(owner.Locator($"#users tr[data-user-id='{first.Id}'] td[data-label='Status']")).ToHaveTextAsync("Suspended");
        await Assertions.Expect(owner.Locator($"#users tr[data-user-id='{second.Id}'] td[data-label='Status']")).ToHaveTextAsync("Suspended");
        Assert.Contains("suspended", Assert.Single(await portal.Mail.WaitForAsync(first.Email!)).Subject);
        Assert.Contains("suspended", Assert.Single(await portal.Mail.WaitForAsync(second.Email!)).Subject);

        await users.SearchAsync($"bulk{tag}");
        await owner.GetByLabel("With the ticked users").SelectOptionAsync("ChangeRole");
        await Assertions.Expect(owner.GetByLabel("New role")).ToBeVisibleAsync();
    }
}
