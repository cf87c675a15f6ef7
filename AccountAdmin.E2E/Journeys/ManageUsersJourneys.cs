using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class ManageUsersJourneys(PortalBrowser portal)
{
    private const string Owner = "owner@northwind.test";
    private const string Agent = "agent@northwind.test";

    [Fact]
    public async Task Owner_OpensManageUsers_SearchesAndPages()
    {
        var page = await portal.NewPageAsync(Owner);
        var users = new ManageUsersPage(page);

        await users.OpenFromTheSidebarAsync("Northwind Main");
        Assert.Equal(50, await users.Rows.CountAsync());
        var firstPage = await users.NamesAsync();
        await portal.ScreenshotAsync(page, "manage-users");

        await users.SearchAsync("garcia");
        var found = await users.EmailsAsync();
        Assert.NotEmpty(found);
        Assert.All(found, email => Assert.Contains("garcia", email));
        await using (var db = portal.Server.NewContext())
        {
            var expected = await db.Memberships.CountAsync(m => m.Account.Name == "Northwind Main" && m.EndedAt == null && m.NameKey.Contains("garcia"));
            Assert.Equal(expected, found.Count);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Clear" }).ClickAsync();
        await users.NextPageAsync();
        await page.WaitForURLAsync(url => url.Contains("after="));
        var secondPage = await users.NamesAsync();
        Assert.NotEmpty(secondPage);
        Assert.Empty(firstPage.Intersect(secondPage));

        await users.PreviousPageAsync();
        await page.WaitForURLAsync(url => url.Contains("before="));
        Assert.Equal(firstPage, await users.NamesAsync());
    }

    [Fact]
    public async Task Owner_FiltersByRole_AsSoonAsTheDropDownChanges()
    {
        var page = await portal.NewPageAsync(Owner);
        var users = new ManageUsersPage(page);
        await users.OpenFromTheSidebarAsync("Northwind Main");

        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Owner" });
        await page.WaitForURLAsync(url => url.Contains("role=Owner"));

        var emails = await users.EmailsAsync();
        Assert.Equal(["agency.admin@northwind.test", "owner@northwind.test"], emails.Where(e => !e.EndsWith("@journey.test")).Order());
        Assert.All(await page.Locator("#users td[data-label='Role here']").AllInnerTextsAsync(), role => Assert.Contains("Owner", role));
        await Assertions.Expect(page.Locator("#users")).ToContainTextAsync("via Agency Administrator");
    }

    [Fact]
    public async Task Owner_ChoosesARoleByKeyboard_ThePageWaitsForTheChoice_AndKeepsTheFocus()
    {
        var page = await portal.NewPageAsync(Owner);
        var users = new ManageUsersPage(page);
        await users.OpenFromTheSidebarAsync("Northwind Main");
        var listUrl = page.Url;

        await page.GetByLabel("Role", new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(listUrl, page.Url);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("role=Administrator"));

        await Assertions.Expect(page.GetByLabel("Role", new() { Exact = true })).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Role", new() { Exact = true })).ToHaveValueAsync("Administrator");
        Assert.Contains("admin@northwind.test", await users.EmailsAsync());
    }

    [Fact]
    public async Task OnA390PxPhone_EachUserIsACard_AndEveryActionIsOnScreen_WithItsWords()
    {
        var page = await portal.NewPageAsync(Owner, width: 390, height: 844);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Manage Users" })).ToBeHiddenAsync();
        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage Users" }).ClickAsync();
        await portal.ScreenshotAsync(page, "manage-users-phone");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways.");
        var agnes = page.Locator("#users tr", new() { HasText = "agent@northwind.test" });
        await agnes.GetByLabel("More actions for Agnes Agent", new() { Exact = true }).ClickAsync();
        await portal.ScreenshotAsync(page, "manage-users-phone-menu");
        foreach (var action in new[] { "Edit Agnes Agent", "Tick Agnes Agent", "More actions for Agnes Agent", "Log in as Agnes Agent", "Suspend Agnes Agent", "Remove Agnes Agent" })
        {
            var control = agnes.GetByLabel(action, new() { Exact = true });
            await Assertions.Expect(control).ToBeVisibleAsync();
            var box = (await control.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{action} is off-screen at x={box.X}, width {box.Width}.");
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 844, $"{action} is off-screen at y={box.Y}.");
            Assert.True(box.Height >= 24 || action.StartsWith("Tick"), $"{action} is {box.Height} px high: too small a target.");
        }

        await Assertions.Expect(agnes.GetByLabel("Suspend Agnes Agent", new() { Exact = true })).ToContainTextAsync("Suspend");
        await Assertions.Expect(agnes.Locator("td[data-label='Status']")).ToContainTextAsync("Active");
        await agnes.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(portal.Artifacts, "manage-users-phone-row.png") });

        // The header row is not seen on a phone, so its tick-all is offered above the cards instead.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#select-page")).ToBeHiddenAsync();
        var tickAll = page.GetByLabel("Tick every user shown here", new() { Exact = true });
        await Assertions.Expect(tickAll).ToBeVisibleAsync();
        await tickAll.CheckAsync();
        var rows = await page.Locator("#users tbody tr").CountAsync();
        await Assertions.Expect(page.Locator("#bulk-count")).ToHaveTextAsync($", {rows} ticked");
        await Assertions.Expect(agnes.GetByLabel("Tick Agnes Agent", new() { Exact = true })).ToBeCheckedAsync();
    }

    [Fact]
    public async Task TheRowMenu_WorksByKeyboard_AndSuspendAsksFirst()
    {
        var page = await portal.NewPageAsync(Owner);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage Users" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        var more = page.GetByLabel("More actions for Agnes Agent", new() { Exact = true });

        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("Log in as Agnes Agent", new() { Exact = true })).ToBeFocusedAsync();
        await portal.ScreenshotAsync(page, "manage-users-menu");
        var violations = await Axe.CheckAsync(page);
        Assert.True(violations.Count == 0, Axe.Describe("Manage Users with a row menu open", violations));
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByLabel("Suspend Agnes Agent", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(more).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Suspend Agnes Agent", new() { Exact = true })).ToBeHiddenAsync();

        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByLabel("Log in as Agnes Agent", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Suspend Agnes Agent in Northwind Main?");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Manage Users" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task InTokyo_TimesAreShownInTheViewersZone_WithUtcOnHover()
    {
        var page = await portal.NewPageAsync(Owner, timeZone: "Asia/Tokyo");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit Log" }).ClickAsync();
        var time = page.Locator("#audit-events time[data-local]").First;

        var utc = DateTime.Parse((await time.GetAttributeAsync("datetime"))!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var tokyo = utc.AddHours(9);

        await Assertions.Expect(time).ToHaveTextAsync($"{tokyo:d MMM yyyy, HH:mm:ss} GMT+9");
        await Assertions.Expect(time).ToHaveAttributeAsync("title", $"{utc:d MMM yyyy, HH:mm:ss} UTC");
    }

    [Fact]
    public async Task Agent_SeesTheirAccess_AndIsRefusedManageUsers()
    {
        var page = await portal.NewPageAsync(Agent);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#grants")).ToContainTextAsync("Call Agent");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Manage Users" })).ToHaveCountAsync(0);
        var accountUrl = page.Url;

        var response = await page.GotoAsync(accountUrl + "/users");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You don't have access to this page" })).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "agent-refused");
    }

    [Fact]
    public async Task OwnerOfAnotherAgency_IsRefused_WhenGuessingTheAccountId()
    {
        await using var db = portal.Server.NewContext();
        var main = await db.Accounts.SingleAsync(a => a.Name == "Northwind Main");
        var page = await portal.NewPageAsync("owner@contoso.test");

        var response = await page.GotoAsync($"/accounts/{main.Id}/users");

        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task SignIn_IsAudited_WithTheClientAddress()
    {
        var page = await portal.NewPageAsync();
        await new LoginPage(page).SignInAsync("billing@northwind.test", PortalBrowser.DemoPassword);

        await using var db = portal.Server.NewContext();
        var user = await db.Users.SingleAsync(u => u.Email == "billing@northwind.test");
        var signIn = await db.AuditEvents.Where(e => e.Action == "session.signed_in" && e.TargetUserId == user.Id).ToListAsync();
        Assert.Contains(signIn, e => e.ClientIp == "127.0.0.1");
    }

    [Fact]
    public async Task KeyboardFocus_IsVisible()
    {
        var page = await portal.NewPageAsync(Owner);
        await new ManageUsersPage(page).OpenFromTheSidebarAsync("Northwind Main");

        var search = page.GetByLabel("Search");
        await search.FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Tab");

        var outline = await search.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth");
        Assert.StartsWith("solid", outline);
        Assert.DoesNotContain(" 0px", outline);
    }

    [Fact]
    public async Task ManageUsers_FitsAPhoneScreen()
    {
        var page = await portal.NewPageAsync(Owner, width: 390, height: 844);
        var users = new ManageUsersPage(page);

        await users.OpenFromTheSidebarAsync("Northwind Main");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a phone");
        await Assertions.Expect(users.Rows.First).ToBeVisibleAsync();
        await portal.ScreenshotAsync(page, "manage-users-phone");
    }
}
