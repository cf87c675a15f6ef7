using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class OwnerRemovalJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task OwnerRemovalRequest_IsApprovedByTheOtherOwner_AndTheOwnersAreEmailed()
    {
        var asker = await PortalData.MemberAsync(portal.Server, "Northwind West", AccountRole.Owner, "Ava", "Asker");
        var leaver = await PortalData.MemberAsync(portal.Server, "Northwind West", AccountRole.Owner, "Leo", "Leaver");

        var page = await portal.NewPageAsync();
        await new LoginPage(page).SignInAsync(asker.Email!, PortalData.Password);
        var users = new ManageUsersPage(page);
        await users.OpenFromTheSidebarAsync("Northwind West");
        await users.SearchAsync("leaver");
        await ManageUsersPage.ChooseAsync(page, "Leo Leaver", "Remove Leo Leaver as Owner");
        await page.GetByLabel("Role after stepping down").SelectOptionAsync(new SelectOptionValue { Label = "Report Manager" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("has been asked to approve");

        var request = Assert.Single(await portal.Mail.WaitForAsync(leaver.Email!));
        Assert.Contains("Please confirm", request.Subject);
        Assert.Contains("/profile", request.Text);

        var leaverPage = await portal.NewPageAsync();
        await new LoginPage(leaverPage).SignInAsync(leaver.Email!, PortalData.Password);
        await leaverPage.GotoAsync("/profile");
        var pending = leaverPage.Locator("#pending-requests");
        await Assertions.Expect(pending).ToContainTextAsync("Ava Asker asks to remove you as Owner of Northwind West");
        await portal.ScreenshotAsync(leaverPage, "profile-pending-request");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(leaverPage.Locator("#status-message")).ToContainTextAsync("You are no longer an Owner there");
        await Assertions.Expect(leaverPage.Locator("#my-memberships")).ToContainTextAsync("Report Manager");

        var done = (await portal.Mail.WaitForAsync(asker.Email!)).Single(m => m.Subject.Contains("is no longer an Owner"));
        Assert.Equal("Leo Leaver is no longer an Owner of Northwind West", done.Subject);
    }
}
