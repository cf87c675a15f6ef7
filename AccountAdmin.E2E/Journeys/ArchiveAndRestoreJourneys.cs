using System.Text.RegularExpressions;
using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract partial class ArchiveAndRestoreJourneys(PortalBrowser portal)
{
    [GeneratedRegex(@"https?://\S+/invitation/\S+")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task Removed_ThenRestored_UserSetsANewPassword_AndSignsIn()
    {
        var user = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallManager, "Rory", "Restored");
        var owner = await portal.NewPageAsync("owner@northwind.test");
        var users = new ManageUsersPage(owner);
        await users.OpenFromTheSidebarAsync("Northwind Main");
        await users.SearchAsync("rory");
        await ManageUsersPage.ChooseAsync(owner, "Rory Restored", "Remove Rory Restored");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Remove User" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("was removed");
        var removal = Assert.Single(await portal.Mail.WaitForAsync(user.Email!));
        Assert.Equal("Olive Owner removed you from Northwind Main", removal.Subject);

        await owner.GetByRole(AriaRole.Link, new() { Name = "Archived Users" }).ClickAsync();
        var row = owner.Locator($"#archived tr[data-user-id='{user.Id}']");
        await Assertions.Expect(row).ToContainTextAsync("by Olive Owner");
        await portal.ScreenshotAsync(owner, "archived-users");
        await row.GetByRole(AriaRole.Button, new() { Name = "Restore Rory Restored" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("Rory Restored is back in Northwind Main and has been e-mailed.");

        var restored = (await portal.Mail.WaitForAsync(user.Email!, count: 2)).Single(m => m.Subject == "Olive Owner restored your access to Northwind Main");
        var link = InvitationLink().Match(restored.Text).Value;
        var page = await portal.NewPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("#password-rules")).ToContainTextAsync("at least 12 characters");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Amber-Meadow-2026!");
        await page.GetByLabel("New password again").FillAsync("Amber-Meadow-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("Your password is set");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" })).ToBeVisibleAsync();

        var again = await portal.NewPageAsync();
        await new LoginPage(again).SignInAsync(user.Email!, "Amber-Meadow-2026!");
        await again.GotoAsync(link);
        await Assertions.Expect(again.Locator("#link-expired")).ToBeVisibleAsync();
    }
}
