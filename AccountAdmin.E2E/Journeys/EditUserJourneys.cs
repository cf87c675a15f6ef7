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

        await owner.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Report Manager" });
        await owner.GetByLabel("Accounts where the user will have this role").SelectOptionAsync(new SelectOptionValue { Label = "Northwind Main" });
        await owner.Locator("#save-roles").ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync("roles were saved");
        await Assertions.Expect(owner.Locator("[data-role='ReportManager']")).ToContainTextAsync("Northwind Main");
        await Assertions.Expect(owner.Locator("#effective-access")).ToContainTextAsync("Manage reports");

        var mail = Assert.Single(await portal.Mail.WaitForAsync(agent.Email!));
        Assert.Equal("Your role in Northwind Main: Report Manager", mail.Subject);
    }
}
