using System.Text.RegularExpressions;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract partial class NewUserJourneys(PortalBrowser portal)
{
    [GeneratedRegex(@"https?://\S+/invitation/\S+")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task ARefusedNewUser_TheSummaryOfProblemsTakesTheFocus_AndEachLinkLeadsToItsField()
    {
        var owner = await portal.NewPageAsync("owner@northwind.test");
        await new ManageUsersPage(owner).OpenFromTheSidebarAsync("Northwind Main");
        await owner.GetByRole(AriaRole.Link, new() { Name = "New User" }).ClickAsync();
        await owner.GetByLabel("E-mail", new() { Exact = true }).FillAsync("not an address");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save Changes" }).ClickAsync();

        var summary = owner.Locator("[data-error-summary]");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync(new Regex("^There are [0-9]+ problems$"));
        await Assertions.Expect(owner.GetByLabel("E-mail", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await portal.ScreenshotAsync(owner, "new-user-refused");
        await summary.Locator("a[href='#Input_FirstName']").ClickAsync();
        await Assertions.Expect(owner.GetByLabel("First name")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Owner_AddsAUser_TheInvitationSetsAPassword_AndTheUserSeesOnlyTheirRole()
    {
        var email = $"nadia.{Guid.NewGuid():N}"[..20] + "@journey.test";
        var owner = await portal.NewPageAsync("owner@northwind.test");
        await new ManageUsersPage(owner).OpenFromTheSidebarAsync("Northwind Main");
        await owner.GetByRole(AriaRole.Link, new() { Name = "New User" }).ClickAsync();
        await owner.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await owner.GetByLabel("First name").FillAsync("Nadia");
        await owner.GetByLabel("Last name").FillAsync("Newcomer");
        await owner.GetByLabel("Role in Northwind Main").SelectOptionAsync(new SelectOptionValue { Label = "Billing Manager" });
        await portal.ScreenshotAsync(owner, "new-user");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save Changes" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("an invitation is on its way");

        var invitation = Assert.Single(await portal.Mail.WaitForAsync(email));
        Assert.Equal("Olive Owner invited you to Northwind Main", invitation.Subject);
        var page = await portal.NewPageAsync();
        await page.GotoAsync(InvitationLink().Match(invitation.Text).Value);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Silver-Canal-2026!");
        await page.GetByLabel("New password again").FillAsync("Silver-Canal-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#permissions")).ToContainTextAsync("View billing");
        await Assertions.Expect(page.Locator("#permissions tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Manage Users" })).ToHaveCountAsync(0);
        var refused = await page.GotoAsync(page.Url + "/users");
        Assert.Equal(403, refused!.Status);
    }

    [Fact]
    public async Task Owner_ResendsAnInvitation_TheFirstLinkIsRefused_AndTheSecondSetsThePassword()
    {
        var email = $"rhea.{Guid.NewGuid():N}"[..20] + "@journey.test";
        var owner = await portal.NewPageAsync("owner@northwind.test");
        await new ManageUsersPage(owner).OpenFromTheSidebarAsync("Northwind Main");
        await owner.GetByRole(AriaRole.Link, new() { Name = "New User" }).ClickAsync();
        await owner.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await owner.GetByLabel("First name").FillAsync("Rhea");
        await owner.GetByLabel("Last name").FillAsync("Resent");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save Changes" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("an invitation is on its way");
        var first = InvitationLink().Match(Assert.Single(await portal.Mail.WaitForAsync(email)).Text).Value;

        await new ManageUsersPage(owner).SearchAsync(email);
        await owner.GetByRole(AriaRole.Link, new() { Name = "Rhea Resent", Exact = true }).ClickAsync();
        await Assertions.Expect(owner.Locator("#invitation-state")).ToContainTextAsync("works until");
        await portal.ScreenshotAsync(owner, "invited-user");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Resend invitation" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("the link sent before no longer works");
        var second = (await portal.Mail.WaitForAsync(email, count: 2)).Select(m => InvitationLink().Match(m.Text).Value).Single(link => link != first);

        var page = await portal.NewPageAsync();
        await page.GotoAsync(first);
        await Assertions.Expect(page.Locator("#link-expired")).ToBeVisibleAsync();
        await page.GotoAsync(second);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Second-Link-2026!");
        await page.GetByLabel("New password again").FillAsync("Second-Link-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First).ToBeVisibleAsync();
    }
}
