using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class AccountSettingsJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task AnOwner_MakesAGroup_FindsAnAgentByName_AddsThem_AndTheGroupSaysWhoIsIn()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Gina", $"Grouped{tag}");
        var owner = await portal.NewPageAsync("owner@northwind.test");
        await owner.GotoAsync("/");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Account Settings" }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Access control groups" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#groups")).ToContainTextAsync("Inbound sales");

        await owner.GetByLabel("Name of the new group").FillAsync($"Escalations {tag}");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync($"The group Escalations {tag} was created in Northwind Main");
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Name = $"Escalations {tag}", Level = 1 })).ToBeVisibleAsync();

        await owner.GetByLabel("Find people by name or e-mail").FillAsync($"grouped{tag}");
        await owner.GetByLabel("Find people by name or e-mail").PressAsync("Enter");
        await Assertions.Expect(owner.Locator("#add-form .form-check")).ToHaveCountAsync(1);
        await owner.GetByLabel($"Gina Grouped{tag}").CheckAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add to group" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync($"1 user added to Escalations {tag}.");
        await Assertions.Expect(owner.Locator("#members")).ToContainTextAsync($"Gina Grouped{tag}");
        await portal.ScreenshotAsync(owner, "group-page");
        await owner.SetViewportSizeAsync(390, 844);
        await portal.ScreenshotAsync(owner, "group-page-phone");
        await owner.SetViewportSizeAsync(1366, 900);

        await owner.GetByRole(AriaRole.Link, new() { Name = "Delete group" }).ClickAsync();
        await Assertions.Expect(owner.Locator("main")).ToContainTextAsync("1 user loses the group.");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Delete group" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync($"The group Escalations {tag} was deleted from Northwind Main");
        await Assertions.Expect(owner.Locator("#groups")).Not.ToContainTextAsync($"Escalations {tag}");
    }

    [Fact]
    public async Task AnAgentInTokyo_SeesTheirNewYorkScheduleInTheirOwnTime_BesideItsOwn_AndTheirPlaceInTheQueue()
    {
        var agent = await portal.NewPageAsync("agent@northwind.test", timeZone: "Asia/Tokyo");
        await agent.GotoAsync("/");
        await agent.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();

        await Assertions.Expect(agent.Locator("#work-schedule")).ToContainTextAsync("Weekdays, New York: Mon 09:00–17:00");
        await Assertions.Expect(agent.Locator("#work-schedule")).ToContainTextAsync("(America/New_York time)");
        // 09:00 in New York is 23:00 (22:00 in American summer time) the same day in Tokyo, and 17:00 is 07:00 (06:00) the next.
        await Assertions.Expect(agent.Locator("#work-schedule-local")).ToBeVisibleAsync();
        await Assertions.Expect(agent.Locator("#work-schedule-local")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^In your time zone \(Asia/Tokyo\), this week: Mon 2[23]:00–Tue 0[67]:00 · Tue 2[23]:00–Wed 0[67]:00 · .* · Fri 2[23]:00–Sat 0[67]:00$"));
        await Assertions.Expect(agent.Locator("#work-routing")).ToContainTextAsync("Sales queue");
        await portal.ScreenshotAsync(agent, "agent-overview-tokyo");

        // In New York itself, the schedule's own hours are all there is to say.
        var atHome = await portal.NewPageAsync("agent@northwind.test", timeZone: "America/New_York");
        await atHome.GotoAsync(agent.Url);
        await Assertions.Expect(atHome.Locator("#work-schedule")).ToBeVisibleAsync();
        await Assertions.Expect(atHome.Locator("#work-schedule-local")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task AnOwner_MakesAScheduleWithASplitMonday_InTokyoTime()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var owner = await portal.NewPageAsync("owner@northwind.test");
        await owner.GotoAsync("/");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Account Settings" }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Schedules", Exact = true }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "New schedule" }).ClickAsync();

        await owner.GetByLabel("Name", new() { Exact = true }).FillAsync($"Split {tag}");
        await owner.GetByLabel("Time zone").FillAsync("Asia/Tokyo");
        await owner.GetByLabel("Monday, range 1, closes").FillAsync("12:00");
        await owner.GetByLabel("Monday, range 2, opens").FillAsync("13:00");
        await owner.GetByLabel("Monday, range 2, closes").FillAsync("12:30");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create schedule" }).ClickAsync();
        await Assertions.Expect(owner.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(owner.Locator("[data-error-summary]")).ToContainTextAsync("12:30 is not after 13:00");
        await portal.ScreenshotAsync(owner, "schedule-refused");

        await owner.GetByLabel("Monday, range 2, closes").FillAsync("17:00");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create schedule" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync($"The schedule Split {tag} was created in Northwind Main.");
        await Assertions.Expect(owner.GetByLabel("Monday, range 2, opens")).ToHaveValueAsync("13:00");
        await Assertions.Expect(owner.GetByLabel("Monday, range 3, opens")).ToHaveValueAsync("");
        await portal.ScreenshotAsync(owner, "schedule-page");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Schedules", Exact = true }).First.ClickAsync();
        await Assertions.Expect(owner.Locator("#schedules")).ToContainTextAsync("Mon 09:00–12:00, 13:00–17:00 · Tue 09:00–17:00");
    }

    [Fact]
    public async Task AnAdministrator_PlacesANewAgentInAScheduleAQueueAndAGroup_ReordersTheQueue_AndARestoreFindsThemBackInPlace()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var email = $"quinn.{tag}@journey.test";
        await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Fay", $"First{tag}");
        var admin = await portal.NewPageAsync("admin@northwind.test");
        await admin.GotoAsync("/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Account Settings" }).ClickAsync();

        await admin.GetByRole(AriaRole.Link, new() { Name = "Schedules", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "New schedule" }).ClickAsync();
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync($"Split {tag}");
        await admin.GetByLabel("Monday, range 1, closes").FillAsync("12:00");
        await admin.GetByLabel("Monday, range 2, opens").FillAsync("13:00");
        await admin.GetByLabel("Monday, range 2, closes").FillAsync("17:00");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create schedule" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#status-message")).ToContainTextAsync("was created");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Schedules", Exact = true }).First.ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Routing", Exact = true }).ClickAsync();
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync($"Queue {tag}");
        await admin.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Queue" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create routing method" }).ClickAsync();
        await admin.GetByLabel("Find agents by name or e-mail").FillAsync($"first{tag}");
        await admin.GetByLabel("Find agents by name or e-mail").PressAsync("Enter");
        await admin.GetByLabel($"Fay First{tag}").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add agents" }).ClickAsync();
        var queueUrl = admin.Url;

        await admin.Locator("nav[aria-label=breadcrumb]").GetByRole(AriaRole.Link, new() { Name = "Routing" }).ClickAsync();
        await admin.Locator("#settings-groups").ClickAsync();
        await admin.GetByLabel("Name of the new group").FillAsync($"Team {tag}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();

        await admin.Locator("#side-nav").GetByRole(AriaRole.Link, new() { Name = "Manage Users" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "New User" }).ClickAsync();
        await admin.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await admin.GetByLabel("First name").FillAsync("Quinn");
        await admin.GetByLabel("Last name").FillAsync($"Queued{tag}");
        await admin.GetByLabel("Role in Northwind Main").SelectOptionAsync(new SelectOptionValue { Label = "Call Agent" });
        await admin.GetByLabel("Works to the schedule").SelectOptionAsync(new SelectOptionValue { Label = $"Split {tag}" });
        await admin.GetByLabel($"Team {tag}").CheckAsync();
        await admin.GetByLabel($"Queue {tag}").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save Changes" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#status-message")).ToContainTextAsync("an invitation is on its way");

        await admin.GotoAsync(queueUrl);
        var agents = admin.Locator("#agents li a");
        await Assertions.Expect(agents).ToHaveTextAsync([$"Fay First{tag}", $"Quinn Queued{tag}"]);
        await admin.GetByLabel($"Move Quinn Queued{tag} up").ClickAsync();
        await Assertions.Expect(agents).ToHaveTextAsync([$"Quinn Queued{tag}", $"Fay First{tag}"]);
        await portal.ScreenshotAsync(admin, "routing-queue");

        var users = new ManageUsersPage(admin);
        await admin.Locator("#side-nav").GetByRole(AriaRole.Link, new() { Name = "Manage Users" }).ClickAsync();
        await users.SearchAsync($"queued{tag}");
        await ManageUsersPage.ChooseAsync(admin, $"Quinn Queued{tag}", $"Remove Quinn Queued{tag}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Remove User" }).ClickAsync();
        await admin.GotoAsync(queueUrl);
        await Assertions.Expect(agents).ToHaveTextAsync([$"Fay First{tag}"]);

        await admin.Locator("#side-nav").GetByRole(AriaRole.Link, new() { Name = "Manage Users" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Archived Users" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Restore Quinn Queued{tag}" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#status-message")).ToContainTextAsync("is back in Northwind Main");
        await admin.GotoAsync(queueUrl);
        await Assertions.Expect(agents).ToHaveTextAsync([$"Quinn Queued{tag}", $"Fay First{tag}"]);
        await admin.Locator("#side-nav").GetByRole(AriaRole.Link, new() { Name = "Manage Users" }).ClickAsync();
        await users.SearchAsync($"queued{tag}");
        await admin.GetByRole(AriaRole.Link, new() { Name = $"Edit Quinn Queued{tag}" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#Input_ScheduleId option:checked")).ToHaveTextAsync($"Split {tag}");
        await Assertions.Expect(admin.GetByLabel($"Team {tag}")).ToBeCheckedAsync();
        await Assertions.Expect(admin.GetByLabel($"Queue {tag}")).ToBeCheckedAsync();
    }
}
