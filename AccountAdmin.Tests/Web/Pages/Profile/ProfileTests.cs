using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Profile;

public abstract class ProfileTests(PortalFixture fixture)
{
    private async Task<Browser> SignedInAsync(AppUser user, string password = TestData.Password)
    {
        var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!, password);
        return browser;
    }

    private Task<AccountRole> RoleAsync(Account account, AppUser user) =>
        fixture.WithDataAsync(data => data.Db.Memberships.Where(m => m.AccountId == account.Id && m.UserId == user.Id).Select(m => m.Role).SingleAsync());

    [Fact]
    public async Task OwnerAsks_AnotherOwnerApprovesOnTheirProfile_AndBecomesTheChosenRole()
    {
        var (account, first, second) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner, "First", "Owner"), await data.MemberAsync(account, AccountRole.Owner, "Second", "Owner"));
        });
        using var asFirst = await SignedInAsync(first);
        var list = await asFirst.GetDocumentAsync($"/accounts/{account.Id}/users");
        var url = list.QuerySelector("a[aria-label='Remove Second Owner as Owner']")!.GetAttribute("href")!;
        Assert.Null(list.QuerySelector("a[aria-label='Remove Second Owner']"));

        using var asked = await asFirst.PostFormAsync(url, new Dictionary<string, string> { ["NewRole"] = "BillingManager" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(AccountRole.Owner, await RoleAsync(account, second));

        using var asSecond = await SignedInAsync(second);
        var profile = await asSecond.GetDocumentAsync("/profile");
        var request = profile.QuerySelector("#pending-requests [data-request-id]")!;
        Assert.Contains("First Owner", request.TextContent);
        Assert.Contains("Billing Manager", request.TextContent);
        var form = (IHtmlFormElement)request.QuerySelector("form")!;
        var approve = (IHtmlButtonElement)form.QuerySelector("button")!;
        form.SetAttribute("action", approve.GetAttribute("formaction")!);
        using var approved = await asSecond.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(AccountRole.BillingManager, await RoleAsync(account, second));
        Assert.Null((await asSecond.GetDocumentAsync("/profile")).QuerySelector("#pending-requests"));
    }

    [Fact]
    public async Task OwnerRemovalPage_IsForOwnersOnly_AndNotAcrossAccounts()
    {
        var (account, owner, admin) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Administrator));
        });
        var otherOwner = await fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner));
        using var asAdmin = await SignedInAsync(admin);
        using var asOther = await SignedInAsync(otherOwner);

        await asAdmin.GetDocumentAsync($"/accounts/{account.Id}/users/{owner.Id}/owner-removal", HttpStatusCode.Forbidden);
        await asOther.GetDocumentAsync($"/accounts/{account.Id}/users/{owner.Id}/owner-removal", HttpStatusCode.Forbidden);
        var adminList = await asAdmin.GetDocumentAsync($"/accounts/{account.Id}/users");
        Assert.Empty(adminList.QuerySelectorAll("a[href$='/owner-removal']"));
    }

    [Fact]
    public async Task ApprovingSomeoneElsesRequest_IsNotFound()
    {
        var (account, first, second) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Owner));
        });
        using (var asFirst = await SignedInAsync(first))
        {
            await asFirst.PostFormAsync($"/accounts/{account.Id}/users/{second.Id}/owner-removal", new Dictionary<string, string> { ["NewRole"] = "Administrator" });
        }

        var requestId = await fixture.WithDataAsync(data => data.Db.OwnerRemovalRequests.Where(r => r.OwnerUserId == second.Id).Select(r => r.Id).SingleAsync());
        using var asFirstAgain = await SignedInAsync(first);
        var token = (await asFirstAgain.GetDocumentAsync("/profile")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        using var response = await asFirstAgain.Client.PostAsync($"/profile/owner-removals/{requestId}?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["requestId"] = requestId.ToString(),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AccountRole.Owner, await RoleAsync(account, second));
    }

    [Fact]
    public async Task EveryFormsAddress_NeedsASignIn_AndSomeoneElsesRequest_IsNotFound()
    {
        var (account, first, second) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Owner));
        });
        using (var asFirst = await SignedInAsync(first))
        {
            await asFirst.PostFormAsync($"/accounts/{account.Id}/users/{second.Id}/owner-removal", new Dictionary<string, string> { ["NewRole"] = "Administrator" });
        }

        var requestId = await fixture.WithDataAsync(data => data.Db.OwnerRemovalRequests.Where(r => r.OwnerUserId == second.Id).Select(r => r.Id).SingleAsync());
        using var anonymous = fixture.NewBrowser();
        using var asFirstAgain = await SignedInAsync(first);
        var addresses = new[]
        {
            "/profile/preferences", "/profile/password",
            $"/profile/owner-removals/{requestId}?handler=Approve", $"/profile/owner-removals/{requestId}?handler=Decline",
        };

        foreach (var address in addresses)
        {
            using var response = await anonymous.Client.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Preferences.DailyEmailReminders"] = "true",
                ["Password.NewPassword"] = "Forged-Pass-2026!",
            }));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/login"), $"POST {address}: {(int)response.StatusCode}");
        }

        foreach (var answer in new[] { "Approve", "Decline" })
        {
            using var response = await asFirstAgain.PostWithTokenAsync($"/profile/owner-removals/{requestId}?handler={answer}", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(AccountRole.Owner, await RoleAsync(account, second));
        Assert.True(await fixture.WithDataAsync(data => data.Db.OwnerRemovalRequests.AnyAsync(r => r.Id == requestId)));
    }

    [Fact]
    public async Task ARefusedSave_ShowsTheProfileAgain_WithThatFormAsTyped_AndItsErrorsThereOnly()
    {
        var owner = await fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner));
        using var browser = await SignedInAsync(owner);

        using var refused = await browser.PostFormAsync("/profile", new Dictionary<string, string>
        {
            ["Preferences.SoftphoneBitrate"] = "999",
            ["Preferences.LandingPage"] = "ManageUsers",
            ["Preferences.DailyEmailReminders"] = "true",
        }, "#preferences-form");
        var page = Browser.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("kbit/s", page.QuerySelector("[data-valmsg-for='Preferences.SoftphoneBitrate']")!.TextContent);
        Assert.Equal("ManageUsers", page.QuerySelector<IHtmlSelectElement>("#Preferences_LandingPage")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Preferences_DailyEmailReminders")!.IsChecked);
        Assert.Null(page.QuerySelector("#change-password .alert-danger"));
        Assert.NotNull(page.QuerySelector("#my-memberships"));
        Assert.False((await browser.GetDocumentAsync("/profile")).QuerySelector<IHtmlInputElement>("#Preferences_DailyEmailReminders")!.IsChecked);
    }

    [Fact]
    public async Task Profile_ListsMyAccountsAndRoles()
    {
        var (user, account, agency) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var account = await data.AccountAsync(agency);
            var user = await data.MemberAsync(account, AccountRole.CallManager);
            await data.AgencyRoleAsync(agency, user, AgencyRole.MarketingManager);
            return (user, account, agency);
        });
        using var browser = await SignedInAsync(user);

        var page = await browser.GetDocumentAsync("/profile");

        var row = page.QuerySelector("#my-memberships tbody tr")!;
        Assert.Equal(account.Name, row.Children[0].TextContent.Trim());
        Assert.Equal("Call Manager", row.Children[2].TextContent.Trim());
        Assert.Contains($"Marketing Manager of every account of {agency.Name}", page.QuerySelector("main")!.TextContent.Replace("\n", " ").Replace("  ", " "));
    }

    [Fact]
    public async Task ContactPreferences_AreSaved_AndTheLandingPageIsWhereTheNextSignInArrives()
    {
        var (account, owner) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner));
        });
        using var browser = await SignedInAsync(owner);

        using var bad = await browser.PostFormAsync("/profile", new Dictionary<string, string> { ["Preferences.SoftphoneBitrate"] = "999" }, "#preferences-form");
        using var saved = await browser.PostFormAsync("/profile", new Dictionary<string, string>
        {
            ["Preferences.LandingPage"] = "ManageUsers",
            ["Preferences.MissedCallEmail"] = "On",
            ["Preferences.DailyEmailReminders"] = "true",
        }, "#preferences-form");

        Assert.Contains("kbit/s", Browser.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Preferences.SoftphoneBitrate']")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await browser.GetDocumentAsync("/profile");
        Assert.Equal("On", page.QuerySelector<IHtmlSelectElement>("#Preferences_MissedCallEmail")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Preferences_DailyEmailReminders")!.IsChecked);
        using var next = fixture.NewBrowser();
        using var signIn = await next.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = owner.Email!,
            ["Input.Password"] = TestData.Password,
        });
        Assert.Equal($"/accounts/{account.Id}/users", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ChangePassword_KeepsThisSession_EndsOthers_AndChecksTheFields()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync());
        using var here = await SignedInAsync(user);
        using var elsewhere = await SignedInAsync(user);

        using var wrong = await here.PostFormAsync("/profile", new Dictionary<string, string>
        {
            ["Password.CurrentPassword"] = "not-it", ["Password.NewPassword"] = "Newer-Pass-2026!", ["Password.ConfirmPassword"] = "Newer-Pass-2026!",
        }, "#change-password");
        Assert.Contains("current password is not right", Browser.Parse(await wrong.Content.ReadAsStringAsync())
            .QuerySelector("[data-valmsg-for='Password.CurrentPassword']")!.TextContent);
        Assert.Equal(0, await NoticesAsync(user));

        using var changed = await here.PostFormAsync("/profile", new Dictionary<string, string>
        {
            ["Password.CurrentPassword"] = TestData.Password, ["Password.NewPassword"] = "Newer-Pass-2026!", ["Password.ConfirmPassword"] = "Newer-Pass-2026!",
        }, "#change-password");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/profile")).StatusCode);
        using var again = await SignedInAsync(user, "Newer-Pass-2026!");
        Assert.Equal(1, await NoticesAsync(user));
    }

    private Task<int> NoticesAsync(AppUser user) => fixture.WithDataAsync(data =>
        data.Db.OutboxMessages.CountAsync(m => m.To == user.Email && m.Subject == "How you sign in to AccountAdmin changed" && m.TextBody.Contains("Your password was changed")));
}

[Collection(SqliteCollection.Name)]
public sealed class ProfileSqliteTests(SqlitePortal fixture) : ProfileTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ProfilePostgresTests(PostgresPortal fixture) : ProfileTests(fixture);
