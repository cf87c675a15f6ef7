using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class BulkAddJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task Owner_Pastes25Lines_ChecksThePreview_Applies_AndTheNewUsersAreInvited()
    {
        var elsewhere = await PortalData.MemberAsync(portal.Server, "Northwind West", AccountRole.CallAgent, "Wes", "Elsewhere");
        var member = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Mai", "Member");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var fresh = Enumerable.Range(1, 20).Select(i => $"bulk{i}.{tag}@journey.test").ToList();
        var lines = fresh.Select((email, i) => $"{email}\tBulk{i + 1}\tJourney")
            .Concat([
                $"{elsewhere.Email}\tWes\tElsewhere",
                $"{member.Email}\tMai\tMember",
                $"not-an-email.{tag}\tNo\tAddress",
                $"half.{tag}@journey.test\tOnlyFirst",
                $"{fresh[0]}\tDuplicate\tLine",
            ]);

        var owner = await portal.NewPageAsync("owner@northwind.test");
        await new ManageUsersPage(owner).OpenFromTheSidebarAsync("Northwind Main");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Bulk Add" }).ClickAsync();
        await owner.GetByLabel("E-mail, first name, last name").FillAsync(string.Join('\n', lines));
        await owner.GetByLabel("Role in Northwind Main, for every user of this batch").SelectOptionAsync(new SelectOptionValue { Label = "Call Agent" });
        await owner.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var totals = owner.Locator("#bulk-totals");
        await Assertions.Expect(totals).ToContainTextAsync("20 new users");
        await Assertions.Expect(totals).ToContainTextAsync("1 existing users given access");
        await Assertions.Expect(totals).ToContainTextAsync("1 already members");
        await Assertions.Expect(totals).ToContainTextAsync("3 can't be added");
        await Assertions.Expect(owner.Locator("#preview-lines tbody tr")).ToHaveCountAsync(25);
        await Assertions.Expect(owner.Locator("tr[data-line='25']")).ToContainTextAsync("Duplicate of line 1");
        await Assertions.Expect(owner.Locator("tr[data-line='24']")).ToContainTextAsync("The last name is missing.");
        await portal.ScreenshotAsync(owner, "bulk-add-preview");

        await owner.GetByRole(AriaRole.Button, new() { Name = "Add 21 users" }).ClickAsync();

        await owner.WaitForURLAsync(url => url.Contains("/users/bulk/"));
        await Assertions.Expect(owner.Locator("[data-count='new']")).ToHaveTextAsync("20");
        await Assertions.Expect(owner.Locator("[data-count='granted']")).ToHaveTextAsync("1");
        await Assertions.Expect(owner.Locator("[data-count='invalid']")).ToHaveTextAsync("3");
        await Assertions.Expect(owner.Locator("#rejected tbody tr")).ToHaveCountAsync(3);
        await portal.ScreenshotAsync(owner, "bulk-add-summary");

        foreach (var email in fresh)
        {
            var invitation = Assert.Single(await portal.Mail.WaitForAsync(email, seconds: 60));
            Assert.Equal("Olive Owner invited you to Northwind Main", invitation.Subject);
            Assert.Contains("/invitation/", invitation.Text);
        }

        Assert.Equal("Olive Owner gave you access to Northwind Main", Assert.Single(await portal.Mail.WaitForAsync(elsewhere.Email!)).Subject);
        Assert.DoesNotContain(await portal.Mail.AllAsync(), m => m.To.Contains(member.Email!));

        await owner.GetByRole(AriaRole.Link, new() { Name = "Back to Manage Users" }).ClickAsync();
        await new ManageUsersPage(owner).SearchAsync(tag);
        await Assertions.Expect(owner.Locator("#users tbody tr")).ToHaveCountAsync(20);
    }
}
