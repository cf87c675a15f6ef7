using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

public abstract class NewUserTests(PortalFixture fixture)
{
    private async Task<(Account Account, AppUser Owner)> AccountAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner));
        });

    private async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private static Dictionary<string, string> Form(string email, string first = "Nia", string last = "New", string role = "CallAgent") => new()
    {
        ["Input.Email"] = email,
        ["Input.FirstName"] = first,
        ["Input.LastName"] = last,
        ["Input.Role"] = role,
    };

    [Fact]
    public async Task NewUser_IsAdded_Invited_AndListed()
    {
        var (account, owner) = await AccountAsync();
        using var browser = await SignedInAsync(owner);
        var list = await browser.GetDocumentAsync($"/accounts/{account.Id}/users");
        var url = list.QuerySelector("#new-user")!.GetAttribute("href")!;
        var email = $"{TestData.Unique("nia")}@test.example";

        using var response = await browser.PostFormAsync(url, Form(email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await browser.GetDocumentAsync($"/accounts/{account.Id}/users?q={Uri.EscapeDataString(email)}");
        Assert.Contains("an invitation is on its way", after.QuerySelector("#status-message")!.TextContent);
        Assert.Equal("Invited", after.QuerySelector("#users tbody tr")!.Children[4].QuerySelector(".badge")!.TextContent.Trim());
        Assert.Equal("pending", after.QuerySelector("#users tbody tr [data-invitation]")!.GetAttribute("data-invitation"));
    }

    [Fact]
    public async Task ARefusedForm_SummarisesItsErrorsAtTheTop_LinkingToEachField_WhichSaysItIsInvalid_AndWhy()
    {
        var (account, owner) = await AccountAsync();
        using var browser = await SignedInAsync(owner);

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", Form("not-an-address", first: ""));
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = page.QuerySelector("[data-error-summary]")!;
        Assert.Equal(("alert", "-1"), (summary.GetAttribute("role"), summary.GetAttribute("tabindex")));
        Assert.Equal("There are 2 problems", summary.QuerySelector("h2")!.TextContent);
        var links = summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Input_Email", "#Input_FirstName"], links.Order());
        foreach (var field in new[] { "Input_Email", "Input_FirstName" })
        {
            var input = page.GetElementById(field)!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains($"{field}-error", input.GetAttribute("aria-describedby")!.Split(' '));
            var message = page.GetElementById($"{field}-error")!;
            Assert.False(string.IsNullOrWhiteSpace(message.TextContent));
            Assert.Contains(summary.QuerySelectorAll("a").Select(a => a.TextContent), text => text == message.TextContent.Trim());
        }

        Assert.Null(page.GetElementById("Input_LastName")!.GetAttribute("aria-invalid"));
        foreach (var required in new[] { "Input_Email", "Input_FirstName", "Input_LastName", "Input_Role" })
        {
            Assert.Equal("true", page.GetElementById(required)!.GetAttribute("aria-required"));
            Assert.Equal("*", page.QuerySelector($"label[for='{required}'] + .aa-required[aria-hidden=true]")!.TextContent.Trim());
        }

        Assert.Null(page.GetElementById("Input_Nickname")!.GetAttribute("aria-required"));
        Assert.Null(page.QuerySelector("label[for='Input_Nickname'] + .aa-required"));
        Assert.Equal("E-mail this user about missed calls", page.QuerySelector("label[for='Input_Settings_MissedCallEmail']")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheOptionalSections_AreSavedWithTheNewUser()
    {
        var (account, owner) = await AccountAsync();
        var group = await fixture.WithDataAsync(async data =>
        {
            var g = new AccessControlGroup(account.Id, "Inbound");
            data.Db.AccessControlGroups.Add(g);
            await data.Db.SaveChangesAsync();
            return g;
        });
        using var browser = await SignedInAsync(owner);
        var email = $"{TestData.Unique("full")}@test.example";
        var form = Form(email);
        form["Input.Settings.StripeId"] = "cus_NffrFeUfNV2Hib";
        form["Input.Settings.DirectDialNumber"] = "+14155550100";
        form["Input.Settings.DirectDialExtension"] = "204";
        form["Input.Settings.ContactTab"] = "Calls";
        form["Input.ScheduleId"] = "new";
        form["Input.NewScheduleName"] = "Early";
        form["Input.NewScheduleTimeZone"] = "UTC";
        form["Input.GroupIds"] = group.Id.ToString();

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", form,
            files: new Dictionary<string, (string, byte[])> { ["Input.Picture"] = ("face.webp", AccountAdmin.Tests.Core.Users.ProfileRulesTests.WebP) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await fixture.WithDataAsync(async data =>
        {
            var user = await data.Db.Users.SingleAsync(u => u.Email == email);
            var settings = await data.Db.UserSettings.SingleAsync(s => s.UserId == user.Id);
            Assert.Equal(("cus_NffrFeUfNV2Hib", "+14155550100", "204", ContactTab.Calls),
                (settings.StripeId, settings.DirectDialNumber, settings.DirectDialExtension, settings.ContactTab));
            Assert.Equal("image/webp", (await data.Db.ProfilePictures.SingleAsync(p => p.UserId == user.Id)).ContentType);
            Assert.True(await data.Db.AccessControlGroupMembers.AnyAsync(m => m.UserId == user.Id && m.GroupId == group.Id));
            var assignment = await data.Db.ScheduleAssignments.SingleAsync(a => a.UserId == user.Id && a.AccountId == account.Id);
            Assert.Equal("Early", (await data.Db.Schedules.SingleAsync(s => s.Id == assignment.ScheduleId)).Name);
            // The audit log says where the new user was placed, beside their creation.
            Assert.Equal(
                [(AuditActions.GroupMemberAdded, group.Name), (AuditActions.ScheduleAssignmentChanged, "Early"), (AuditActions.UserCreated, $"{email} as Call Agent")],
                (await data.Db.AuditEvents.Where(e => e.TargetUserId == user.Id).Select(e => new { e.Action, e.Details }).ToListAsync())
                    .Select(e => (e.Action, e.Details)).Order().ToList());
        });
    }

    [Fact]
    public async Task GroupsForAnAdministrator_AndABadSipAddress_AreRefusedAtTheirFields()
    {
        var (account, owner) = await AccountAsync();
        var group = await fixture.WithDataAsync(async data =>
        {
            var g = new AccessControlGroup(account.Id, "Managers");
            data.Db.AccessControlGroups.Add(g);
            await data.Db.SaveChangesAsync();
            return g;
        });
        using var browser = await SignedInAsync(owner);
        var email = $"{TestData.Unique("admin")}@test.example";
        var form = Form(email, role: "Administrator");
        form["Input.GroupIds"] = group.Id.ToString();
        form["Input.Settings.SipAddress"] = "sip:@@";

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", form);

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Call Agents, Call Managers and Report Managers", page.QuerySelector("[data-valmsg-for='Input.GroupIds']")!.TextContent);
        Assert.Contains("SIP address", page.QuerySelector("[data-valmsg-for='Input.Settings.SipAddress']")!.TextContent);
        await fixture.WithDataAsync(async data => Assert.False(await data.Db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task OneRoundOfCorrections_IsEnough_TheAgentSectionsAreCheckedEvenWhenTheDetailsAreWrong()
    {
        var (account, owner) = await AccountAsync();
        using var browser = await SignedInAsync(owner);
        var form = Form("not-an-email");
        form["Input.Settings.SipAddress"] = "sip:@@";
        form["Input.Settings.DirectDialExtension"] = "12";

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", form);

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Enter a valid e-mail address, such as name@example.com.", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent.Trim());
        Assert.Contains("SIP address", page.QuerySelector("[data-valmsg-for='Input.Settings.SipAddress']")!.TextContent);
        Assert.Contains("direct-dial number", page.QuerySelector("[data-valmsg-for='Input.Settings.DirectDialNumber']")!.TextContent);
    }

    [Fact]
    public async Task BadInput_ShowsEachMessageAtItsField_AndKeepsWhatWasTyped_ButNotPasswords()
    {
        var (account, owner) = await AccountAsync();
        using var browser = await SignedInAsync(owner);
        var form = Form("not-an-email", first: "Kept");
        form["Input.LastName"] = "";
        form["Input.Phone"] = "555";
        form["Input.Authentication"] = "password";
        form["Input.Password"] = "Secret-Pass-2026!";
        form["Input.ConfirmPassword"] = "Other-Pass-2026!";

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", form);

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("valid e-mail", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        Assert.Contains("last name", page.QuerySelector("[data-valmsg-for='Input.LastName']")!.TextContent);
        Assert.Contains("not the same", page.QuerySelector("[data-valmsg-for='Input.ConfirmPassword']")!.TextContent);
        Assert.Equal("Kept", page.QuerySelector<IHtmlInputElement>("#Input_FirstName")!.Value);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#Input_Password")!.Value);
        await fixture.WithDataAsync(async data => Assert.False(await data.Db.Users.AnyAsync(u => u.FirstName == "Kept")));
    }

    [Fact]
    public async Task AnEmailTheMailCannotBeSentTo_IsRefusedAtTheEmailField_AndNobodyIsCreated()
    {
        var (account, owner) = await AccountAsync();
        using var browser = await SignedInAsync(owner);
        var email = $"dots..{TestData.Unique("x")}@test.example";

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", Form(email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Enter a valid e-mail address, such as name@example.com.", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent.Trim());
        await fixture.WithDataAsync(async data =>
        {
            Assert.False(await data.Db.Users.AnyAsync(u => u.Email == email));
            Assert.False(await data.Db.OutboxMessages.AnyAsync(m => m.To == email));
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ANulInAName_IsRefusedAtItsField_AndNobodyIsCreated(bool multipart)
    {
        var (account, owner) = await AccountAsync();
        using var browser = await SignedInAsync(owner);
        var email = $"{TestData.Unique("nul")}@test.example";

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", Form(email, first: "Ni\0a"),
            files: multipart ? new Dictionary<string, (string, byte[])>() : null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(AccountAdmin.Web.Infrastructure.FormValueGuard.Message, page.QuerySelector("[data-valmsg-for='Input.FirstName']")!.TextContent.Trim());
        Assert.Equal(email, page.QuerySelector<IHtmlInputElement>("#Input_Email")!.Value);
        await fixture.WithDataAsync(async data => Assert.False(await data.Db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task TheEmailOfSomeoneAlreadyHere_SaysSo_AndLeadsToTheirPage_NotToGivingThemARole()
    {
        var (account, owner) = await AccountAsync();
        var here = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.CallAgent, "Hank", "Here"));
        using var browser = await SignedInAsync(owner);

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", Form(here.Email!));

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        var message = page.QuerySelector("#existing-user")!;
        Assert.Contains($"Hank Here ({here.Email}) is already a user of {account.Name}, as Call Agent.", message.TextContent);
        Assert.Equal($"/accounts/{account.Id}/users/{here.Id}", message.QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("give that same user a role", message.TextContent);
    }

    [Fact]
    public async Task ExistingEmail_ShowsTheDocumentedMessage_AndShowUserGivesThatUserARoleHere()
    {
        var (account, owner) = await AccountAsync();
        var existing = await fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner, "Eve", "Existing"));
        using var browser = await SignedInAsync(owner);

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", Form(existing.Email!));
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("A user with this email address already exists.", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent.Trim());
        var showUser = page.QuerySelector("#existing-user a")!.GetAttribute("href")!;

        var profile = await browser.GetDocumentAsync(showUser);
        Assert.Contains("Eve", profile.QuerySelector("#existing-profile")!.TextContent);
        Assert.Null(profile.QuerySelector("#existing-profile input"));
        using var granted = await browser.PostFormAsync(showUser, new Dictionary<string, string> { ["Role"] = "ReportManager" });

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        await fixture.WithDataAsync(async data =>
        {
            Assert.Equal(1, await data.Db.Users.CountAsync(u => u.Email == existing.Email));
            Assert.Equal(AccountRole.ReportManager, await data.Db.Memberships.Where(m => m.AccountId == account.Id && m.UserId == existing.Id).Select(m => m.Role).SingleAsync());
        });
    }

    [Fact]
    public async Task RoleList_OffersOnlyGrantableRoles_AndAForgedOwnerIsRefused()
    {
        var (account, _) = await AccountAsync();
        var admin = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Administrator));
        using var browser = await SignedInAsync(admin);

        var page = await browser.GetDocumentAsync($"/accounts/{account.Id}/users/new");
        using var forged = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", Form($"{TestData.Unique("forged")}@test.example", role: "Owner"));

        Assert.DoesNotContain("Owner", page.QuerySelectorAll("#Input_Role option").Select(o => o.GetAttribute("value")));
        Assert.Contains("above your own", Browser.Parse(await forged.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Input.Role']")!.TextContent);
    }

    [Fact]
    public async Task NewUserAndShowUser_AreRefusedWithoutManageUsers_AndAcrossAccounts()
    {
        var (account, owner) = await AccountAsync();
        var (agent, stranger) = await fixture.WithDataAsync(async data =>
            (await data.MemberAsync(account, AccountRole.CallAgent), await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner)));
        using var asAgent = await SignedInAsync(agent);
        using var asStranger = await SignedInAsync(stranger);

        await asAgent.GetDocumentAsync($"/accounts/{account.Id}/users/new", HttpStatusCode.Forbidden);
        await asStranger.GetDocumentAsync($"/accounts/{account.Id}/users/new", HttpStatusCode.Forbidden);
        await asStranger.GetDocumentAsync($"/accounts/{account.Id}/users/existing/{owner.Id}", HttpStatusCode.Forbidden);
        using var browser = await SignedInAsync(owner);
        await browser.GetDocumentAsync($"/accounts/{account.Id}/users/existing/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NewUserSqliteTests(SqlitePortal fixture) : NewUserTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class NewUserPostgresTests(PostgresPortal fixture) : NewUserTests(fixture);
