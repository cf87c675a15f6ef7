using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class EditUserJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task AnOwner_EditsAnAgentsSettings_ThenMakesThemAReportManager_AndTheyAreTold()
    {
        var agent = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Eddie", "Edited");
        var owner = await portal.NewPageAsync("owner@northwind.test");
        var users = new ManageUsersPage(owner);
        await users.OpenFromTheSidebarAsync("Northwind Main");
        await users.SearchAsync("eddie");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Edit Eddie Edited" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Eddie Edited" })).ToBeVisibleAsync();

        await owner.GetByLabel("Nickname").FillAsync("Ed");
        await owner.GetByLabel("SIP address").FillAsync("eddie@pbx.example.com");
        await owner.GetByLabel("Bitrate").SelectOptionAsync("48");
        await owner.GetByLabel("Works to the schedule").SelectOptionAsync(new SelectOptionValue { Label = "Weekend cover" });
        await owner.GetByLabel("Inbound sales").CheckAsync();
        await owner.Locator("#save-profile").ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("saved");
        await Assertions.Expect(owner.GetByLabel("SIP address")).ToHaveValueAsync("sip:eddie@pbx.example.com");
        await Assertions.Expect(owner.GetByLabel("Inbound sales")).ToBeCheckedAsync();

        // A name typed and not saved is not lost by saving the roles: the page asks first, both ways.
        await owner.GetByLabel("Nickname").FillAsync("Edster");
        await owner.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Report Manager" });
        await owner.Locator("#add-role-accounts").GetByLabel("Northwind Main").CheckAsync();
        await owner.Locator("#save-roles").ClickAsync();
        var rolesWarning = owner.Locator("#roles-form [data-unsaved-warning]");
        await Assertions.Expect(rolesWarning).ToBeVisibleAsync();
        await Assertions.Expect(rolesWarning).ToContainTextAsync("Your changes to the profile are not saved yet");
        await portal.ScreenshotAsync(owner, "user-unsaved-warning");
        await rolesWarning.GetByRole(AriaRole.Button, new() { Name = "Go back to them" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#profile-form :focus")).ToHaveCountAsync(1);
        await Assertions.Expect(owner.GetByLabel("Nickname")).ToHaveValueAsync("Edster");

        await owner.Locator("#save-profile").ClickAsync();
        var profileWarning = owner.Locator("#profile-form [data-unsaved-warning]");
        await Assertions.Expect(profileWarning).ToContainTextAsync("Your changes to the roles are not saved yet");
        await profileWarning.GetByRole(AriaRole.Button, new() { Name = "Save the profile anyway" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("saved");
        await Assertions.Expect(owner.GetByLabel("Nickname")).ToHaveValueAsync("Edster");

        await owner.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Report Manager" });
        // The accounts are found on the server as one types, without leaving the page.
        await owner.GetByLabel("Find accounts by name").PressSequentiallyAsync("MAIN");
        await Assertions.Expect(owner.Locator("#accounts-shown")).ToContainTextAsync("matching “MAIN”");
        await Assertions.Expect(owner.Locator("#add-role-accounts .form-check")).ToHaveCountAsync(1);
        await Assertions.Expect(owner.GetByLabel("Find accounts by name")).ToBeFocusedAsync();
        await owner.Locator("#add-role-accounts").GetByLabel("Northwind Main").CheckAsync();
        await owner.Locator("#save-roles").ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("Role in Northwind Main changed from Call Agent to Report Manager");
        await Assertions.Expect(owner.Locator("[data-role='ReportManager']")).ToContainTextAsync("Northwind Main");
        await Assertions.Expect(owner.Locator("#effective-access")).ToContainTextAsync("Manage reports");

        var mail = Assert.Single(await portal.Mail.WaitForAsync(agent.Email!));
        Assert.Equal("Olive Owner made you Report Manager in Northwind Main", mail.Subject);
    }

    [Fact]
    public async Task AnOwner_ChangesAnAgentsEMail_AndItTakesEffectWhenTheNewMailboxConfirmsIt()
    {
        var agent = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Mona", "Moved");
        var newEmail = $"mona.{Guid.NewGuid():N}"[..18] + "@journey.test";
        var owner = await portal.NewPageAsync("owner@northwind.test");
        var users = new ManageUsersPage(owner);
        await users.OpenFromTheSidebarAsync("Northwind Main");
        await users.SearchAsync("mona");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Edit Mona Moved" }).ClickAsync();
        await owner.GetByLabel("E-mail", new() { Exact = true }).FillAsync(newEmail);
        await owner.Locator("#save-profile").ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("once that address confirms it");
        await Assertions.Expect(owner.Locator("#pending-email")).ToContainTextAsync(newEmail);
        await portal.ScreenshotAsync(owner, "email-change-pending");

        var told = Assert.Single(await portal.Mail.WaitForAsync(agent.Email!));
        Assert.Equal("Your AccountAdmin e-mail address is changing", told.Subject);
        var confirmation = Assert.Single(await portal.Mail.WaitForAsync(newEmail));
        // Reading the new mailbox is not enough: the link asks the user to sign in, with the address they have now.
        var page = await portal.NewPageAsync();
        await page.GotoAsync(System.Text.RegularExpressions.Regex.Match(confirmation.Text, @"https?://\S+/confirm-email/\S+").Value);
        await page.GetByLabel("E-mail or username").FillAsync(agent.Email!);
        await page.GetByLabel("Password").FillAsync(PortalData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#email-change")).ToContainTextAsync(newEmail);
        await portal.ScreenshotAsync(page, "email-change-confirm");
        await page.Locator("#confirm-email").ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync($"Your e-mail address is now {newEmail}");

        await new LoginPage(page).SignInAsync(newEmail, PortalData.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First).ToBeVisibleAsync();
    }
}
