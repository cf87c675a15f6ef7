using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using AccountAdmin.Web.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

public abstract class EditUserTests(PortalFixture fixture)
{
    private const string ProfileForm = "#profile-form";
    private const string RolesForm = "#roles-form";
    private const string PasswordForm = "#password-form";

    private async Task<(Account Account, AppUser Owner, AppUser Agent)> AccountAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent, "Agatha", "Agent"));
        });

    private async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private static string Url(Account account, AppUser user) => $"/accounts/{account.Id}/users/{user.Id}";

    [Fact]
    public async Task ThePage_ShowsTheProfile_AssignRoles_AndEffectiveAccess_AndManageUsersLinksToIt()
    {
        var (account, owner, agent) = await AccountAsync();
        using var browser = await SignedInAsync(owner);

        var list = await browser.GetDocumentAsync($"/accounts/{account.Id}/users?q=Agatha");
        var page = await browser.GetDocumentAsync(list.QuerySelector("a[data-edit-user]")!.GetAttribute("href")!);

        Assert.Equal("Agatha Agent", page.QuerySelector("#user-name")!.TextContent);
        Assert.Equal(agent.Email, page.QuerySelector<IHtmlInputElement>("#Input_Email")!.Value);
        Assert.False(page.QuerySelector<IHtmlInputElement>("#Input_Email")!.IsReadOnly);
        Assert.Contains(account.Name, page.QuerySelector("[data-role='CallAgent']")!.TextContent);
        Assert.Contains("Make calls", page.QuerySelector($"#effective-access [data-access-scope='{account.Id}']")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("from Call Agent", page.QuerySelector("#effective-access")!.TextContent);
        Assert.NotNull(page.QuerySelector(PasswordForm));
    }

    [Fact]
    public async Task ThePageAndEveryHandler_AreRefused_WithoutManageUsers_AndAcrossAgencies()
    {
        var (account, owner, agent) = await AccountAsync();
        var (stranger, strangersAccount) = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            return (await data.MemberAsync(other, AccountRole.Owner), other);
        });
        using var asAgent = await SignedInAsync(agent);
        using var asStranger = await SignedInAsync(stranger);
        var url = Url(account, owner);

        await asAgent.GetDocumentAsync(url, HttpStatusCode.Forbidden);
        await asStranger.GetDocumentAsync(url, HttpStatusCode.Forbidden);
        await asStranger.GetDocumentAsync(Url(strangersAccount, agent), HttpStatusCode.NotFound);
        await asStranger.GetDocumentAsync($"/accounts/{account.Id}/users/{agent.Id}/picture", HttpStatusCode.Forbidden);
        var token = (await asStranger.GetDocumentAsync("/profile")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        foreach (var form in new[] { "profile", "roles", "password" })
        {
            using var forged = await asStranger.Client.PostAsync($"{Url(strangersAccount, agent)}/{form}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Nickname"] = "Forged",
                ["Input.ConcurrencyStamp"] = agent.ConcurrencyStamp!,
                ["Roles.RemoveAccountIds"] = account.Id.ToString(),
                ["Password.NewPassword"] = "Forged-Pass-2026!",
                ["Password.ConfirmPassword"] = "Forged-Pass-2026!",
            }));
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
            using var direct = await asStranger.Client.PostAsync($"{url}/{form}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        }

        await fixture.WithDataAsync(async data =>
        {
            var user = await data.Db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id);
            Assert.Null(user.Nickname);
            Assert.True(await data.Db.Memberships.AnyAsync(m => m.UserId == agent.Id && m.AccountId == account.Id && m.EndedAt == null));
        });
    }

    [Fact]
    public async Task EveryFormsAddress_IsRefused_WithoutManageUsers_AcrossAccountsAndAgencies_AndForGuessedIds()
    {
        var (account, owner, agent) = await AccountAsync();
        var (sibling, twofold, stranger, strangersAccount, division) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.Db.Agencies.SingleAsync(a => a.Id == account.AgencyId);
            var sibling = await data.AccountAsync(agency);
            // Manages users in another account of the same agency, and is only a Call Agent in this one.
            var twofold = await data.MemberAsync(sibling, AccountRole.Administrator);
            await data.GrantAsync(account, twofold, AccountRole.CallAgent);
            var other = await data.AccountAsync();
            return (sibling, twofold, await data.MemberAsync(other, AccountRole.Owner), other, await data.DivisionAsync(agency));
        });
        var hashes = await fixture.WithDataAsync(data => data.Db.Users.AsNoTracking()
            .Where(u => u.Id == agent.Id || u.Id == owner.Id).ToDictionaryAsync(u => u.Id, u => u.PasswordHash));
        using var asAgent = await SignedInAsync(agent);
        using var asTwofold = await SignedInAsync(twofold);
        using var asStranger = await SignedInAsync(stranger);
        var attempts = new (Browser Who, string Page, HttpStatusCode Expected)[]
        {
            (asAgent, Url(account, owner), HttpStatusCode.Forbidden),
            (asTwofold, Url(account, agent), HttpStatusCode.Forbidden),
            (asTwofold, Url(sibling, agent), HttpStatusCode.NotFound),
            (asStranger, Url(account, agent), HttpStatusCode.Forbidden),
            (asStranger, Url(strangersAccount, agent), HttpStatusCode.NotFound),
            (asStranger, $"/accounts/{Guid.NewGuid()}/users/{agent.Id}", HttpStatusCode.NotFound),
        };
        var wrong = new List<string>();

        foreach (var (who, page, expected) in attempts)
        {
            foreach (var form in new[] { "profile", "roles", "roles?handler=Accounts", "password", "divisions", "divisions?handler=Find" })
            {
                using var forged = await who.PostWithTokenAsync($"{page}/{form}", new Dictionary<string, string>
                {
                    ["Input.Nickname"] = "Forged",
                    ["Input.ConcurrencyStamp"] = agent.ConcurrencyStamp!,
                    ["Roles.ConcurrencyStamp"] = agent.ConcurrencyStamp!,
                    ["Roles.RemoveAccountIds"] = account.Id.ToString(),
                    ["Roles.AddRole"] = "Owner",
                    ["Roles.AddAccountIds"] = sibling.Id.ToString(),
                    ["Password.NewPassword"] = "Forged-Pass-2026!",
                    ["Password.ConfirmPassword"] = "Forged-Pass-2026!",
                    ["DivisionChoice.Shown"] = division.Id.ToString(),
                    ["DivisionChoice.Chosen"] = division.Id.ToString(),
                });
                if (forged.StatusCode != expected)
                {
                    wrong.Add($"POST {page}/{form}: expected {(int)expected}, got {(int)forged.StatusCode}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        await fixture.WithDataAsync(async data =>
        {
            var users = await data.Db.Users.AsNoTracking().Where(u => u.Id == agent.Id || u.Id == owner.Id).ToListAsync();
            Assert.All(users, u => Assert.Null(u.Nickname));
            Assert.All(users, u => Assert.Equal(hashes[u.Id], u.PasswordHash));
            Assert.True(await data.Db.Memberships.AnyAsync(m => m.UserId == agent.Id && m.AccountId == account.Id && m.EndedAt == null && m.Role == AccountRole.CallAgent));
            Assert.False(await data.Db.Memberships.AnyAsync(m => (m.UserId == agent.Id || m.UserId == owner.Id) && m.AccountId == sibling.Id));
            Assert.False(await data.Db.DivisionMembers.AnyAsync(m => m.DivisionId == division.Id));
        });
    }

    [Fact]
    public async Task ARefusedSave_ShowsTheUserPageAgain_WithThatFormAsTyped_AndTheOtherFormsAsSaved()
    {
        var (account, owner, agent) = await AccountAsync();
        var second = await fixture.WithDataAsync(async data =>
        {
            var s = await data.AccountAsync(await data.Db.Agencies.SingleAsync(a => a.Id == account.AgencyId));
            await data.GrantAsync(s, owner, AccountRole.Owner);
            await data.GrantAsync(s, agent, AccountRole.CallAgent);
            return s;
        });
        using var browser = await SignedInAsync(owner);

        // +Add Role without an account: Core refuses it at the accounts field.
        using var refused = await browser.PostFormAsync(Url(account, agent), new Dictionary<string, string>
        {
            ["Roles.RemoveAccountIds"] = second.Id.ToString(),
            ["Roles.AddRole"] = "ReportManager",
        }, RolesForm);
        var page = Browser.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Agatha Agent", page.QuerySelector("#user-name")!.TextContent);
        Assert.Contains("Choose the accounts", page.QuerySelector("[data-valmsg-for='Roles.AddAccountIds']")!.TextContent);
        Assert.True(page.QuerySelector<IHtmlInputElement>($"{RolesForm} input[name='Roles.RemoveAccountIds'][value='{second.Id}']")!.IsChecked);
        Assert.Equal("ReportManager", page.QuerySelector<IHtmlSelectElement>("#Roles_AddRole")!.Value);
        Assert.Equal("Agatha", page.QuerySelector<IHtmlInputElement>("#Input_FirstName")!.Value);
        Assert.Null(page.QuerySelector($"{ProfileForm} .alert-danger"));
        Assert.True(await fixture.WithDataAsync(data => data.Db.Memberships.AnyAsync(m => m.UserId == agent.Id && m.AccountId == second.Id && m.EndedAt == null)));

        // What was typed is still in the form: choosing the account is all that is left to do.
        using var saved = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>(RolesForm)!, new Dictionary<string, string>
        {
            ["Roles.AddAccountIds"] = account.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await browser.GetDocumentAsync(Url(account, agent));
        Assert.Contains(account.Name, after.QuerySelector("[data-role='ReportManager']")!.TextContent);
        Assert.Null(after.QuerySelector("[data-role='CallAgent']"));
    }

    [Fact]
    public async Task AnErrorOfNoField_ShowsOnTheFormThatWasPosted_Only()
    {
        var (account, owner, agent) = await AccountAsync();
        var admin = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Administrator));
        using var browser = await SignedInAsync(owner);
        using var other = await SignedInAsync(admin);
        var roles = (await browser.GetDocumentAsync(Url(account, agent))).QuerySelector<IHtmlFormElement>(RolesForm)!;
        using (await other.PostFormAsync(Url(account, agent), new Dictionary<string, string> { ["Input.Nickname"] = "Aggie" }, ProfileForm))
        {
        }

        using var refused = await browser.SubmitAsync(roles, new Dictionary<string, string> { ["Roles.RemoveAccountIds"] = account.Id.ToString() });
        var page = Browser.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else saved changes", page.QuerySelector($"{RolesForm} .alert-danger")!.TextContent);
        Assert.Null(page.QuerySelector($"{ProfileForm} .alert-danger"));
        Assert.Null(page.QuerySelector($"{PasswordForm} .alert-danger"));
        Assert.Single(page.QuerySelectorAll(".alert-danger"));
        Assert.Equal("Aggie", page.QuerySelector<IHtmlInputElement>("#Input_Nickname")!.Value);
        Assert.True(await fixture.WithDataAsync(data => data.Db.Memberships.AnyAsync(m => m.UserId == agent.Id && m.AccountId == account.Id && m.EndedAt == null)));
    }

    [Fact]
    public async Task MyOwnEMailOrPassword_FromAnOldSignIn_AsksToConfirmItsMeFirst_AndChangesNothingUntilThen()
    {
        var (account, owner, _) = await AccountAsync();
        using var browser = await SignedInAsync(owner);
        await fixture.WithDataAsync(data => data.Db.UserSessions.Where(s => s.UserId == owner.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, DateTime.UtcNow.AddHours(-1))));
        var newEmail = $"moved-{Guid.NewGuid():N}@test.example";

        using var email = await browser.PostFormAsync(Url(account, owner), new Dictionary<string, string> { ["Input.Email"] = newEmail }, ProfileForm);
        using var password = await browser.PostFormAsync(Url(account, owner), new Dictionary<string, string>
        {
            ["Password.NewPassword"] = "Brand-New-Pass-2026!", ["Password.ConfirmPassword"] = "Brand-New-Pass-2026!",
        }, PasswordForm);
        using var nickname = await browser.PostFormAsync(Url(account, owner), new Dictionary<string, string> { ["Input.Nickname"] = "Olly" }, ProfileForm);

        var confirm = $"/profile/confirm?returnUrl={Uri.EscapeDataString(Url(account, owner))}";
        Assert.Equal(confirm, email.Headers.Location?.OriginalString);
        Assert.Equal(confirm, password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, nickname.StatusCode);
        Assert.Equal(Url(account, owner), nickname.Headers.Location?.OriginalString);
        var stored = await fixture.WithDataAsync(data => data.Db.Users.AsNoTracking().SingleAsync(u => u.Id == owner.Id));
        Assert.Equal(owner.Email, stored.Email);
        Assert.Equal("Olly", stored.Nickname);
        Assert.Equal(owner.PasswordHash, stored.PasswordHash);

        using (var confirmed = await browser.PostFormAsync(confirm, new Dictionary<string, string> { ["Password"] = TestData.Password }))
        {
            Assert.True(confirmed.StatusCode == HttpStatusCode.Redirect, await confirmed.Content.ReadAsStringAsync());
        }

        using var again = await browser.PostFormAsync(Url(account, owner), new Dictionary<string, string> { ["Input.Email"] = newEmail }, ProfileForm);
        Assert.Equal(Url(account, owner), again.Headers.Location?.OriginalString);
        Assert.Equal(newEmail, await fixture.WithDataAsync(data => data.Db.Users.Where(u => u.Id == owner.Id).Select(u => u.PendingEmail).SingleAsync()));
    }

    [Fact]
    public async Task SavingTheProfile_KeepsEverySection_AndAPictureIsServedBack()
    {
        var (account, owner, agent) = await AccountAsync();
        using var browser = await SignedInAsync(owner);

        using var saved = await browser.PostFormAsync(Url(account, agent), new Dictionary<string, string>
        {
            ["Input.Nickname"] = "Aggie",
            ["Input.Settings.SipAddress"] = "sip:aggie@pbx.example.com",
            ["Input.Settings.SoftphoneBitrate"] = "48",
            ["Input.Settings.LandingPage"] = "Profile",
            ["Input.ScheduleId"] = "new",
            ["Input.NewScheduleName"] = "Night shift",
            ["Input.NewScheduleTimeZone"] = "Europe/Berlin",
        }, ProfileForm, new Dictionary<string, (string, byte[])> { ["Input.Picture"] = ("me.png", ProfileRulesTests.Png) });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await browser.GetDocumentAsync(Url(account, agent));
        Assert.Contains("saved", page.QuerySelector("#status-message")!.TextContent);
        Assert.Equal("Aggie", page.QuerySelector<IHtmlInputElement>("#Input_Nickname")!.Value);
        Assert.Equal("sip:aggie@pbx.example.com", page.QuerySelector<IHtmlInputElement>("#Input_Settings_SipAddress")!.Value);
        Assert.Equal("48", page.QuerySelector<IHtmlSelectElement>("#Input_Settings_SoftphoneBitrate")!.Value);
        Assert.Equal("Night shift", page.QuerySelector<IHtmlSelectElement>("#Input_ScheduleId")!.SelectedOptions.Single().TextContent);
        using var picture = await browser.GetAsync(page.QuerySelector("#current-picture")!.GetAttribute("src")!);
        Assert.Equal("image/png", picture.Content.Headers.ContentType!.MediaType);
        Assert.Equal(ProfileRulesTests.Png, await picture.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task BadInput_IsShownAtItsField_KeepsWhatWasTyped_AndChangesNothing()
    {
        var (account, owner, agent) = await AccountAsync();
        using var browser = await SignedInAsync(owner);

        using var response = await browser.PostFormAsync(Url(account, agent), new Dictionary<string, string>
        {
            ["Input.Nickname"] = "Typed",
            ["Input.Phone"] = "12345",
            ["Input.Settings.SipAddress"] = "not a sip address",
            ["Input.Settings.SoftphoneBitrate"] = "33",
        }, ProfileForm, new Dictionary<string, (string, byte[])> { ["Input.Picture"] = ("looks-like.png", "GIF89a not allowed"u8.ToArray()) });

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("SIP address", page.QuerySelector("[data-valmsg-for='Input.Settings.SipAddress']")!.TextContent);
        Assert.Contains("kbit/s", page.QuerySelector("[data-valmsg-for='Input.Settings.SoftphoneBitrate']")!.TextContent);
        Assert.Contains("international form", page.QuerySelector("[data-valmsg-for='Input.Phone']")!.TextContent);
        Assert.Contains("PNG, JPEG or WebP", page.QuerySelector("[data-valmsg-for='Input.Picture']")!.TextContent);
        Assert.Equal("Typed", page.QuerySelector<IHtmlInputElement>("#Input_Nickname")!.Value);
        await fixture.WithDataAsync(async data => Assert.Null((await data.Db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id)).Nickname));
    }

    [Fact]
    public async Task AControlCharacter_IsRefusedAtItsField_OnTheUserPage_AndAFormsAddressOpened_LeadsToTheUserPage()
    {
        var (account, owner, agent) = await AccountAsync();
        using var browser = await SignedInAsync(owner);

        using var refused = await browser.PostFormAsync(Url(account, agent), new Dictionary<string, string> { ["Input.Nickname"] = "Ag\0gie" }, ProfileForm);
        using var opened = await browser.GetAsync($"{Url(account, agent)}/profile");

        var page = Browser.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(FormValueGuard.Message, page.QuerySelector("[data-valmsg-for='Input.Nickname']")!.TextContent.Trim());
        Assert.Equal("Agatha Agent", page.QuerySelector("#user-name")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(Url(account, agent), opened.Headers.Location!.OriginalString);
        await fixture.WithDataAsync(async data => Assert.Null((await data.Db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id)).Nickname));
    }

    [Fact]
    public async Task TwoAdministratorsAtOnce_TheSecondSaveIsRefusedWithAMessage()
    {
        var (account, owner, agent) = await AccountAsync();
        var admin = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Administrator));
        using var first = await SignedInAsync(owner);
        using var second = await SignedInAsync(admin);
        var firstForm = (await first.GetDocumentAsync(Url(account, agent))).QuerySelector<IHtmlFormElement>(ProfileForm)!;
        var secondForm = (await second.GetDocumentAsync(Url(account, agent))).QuerySelector<IHtmlFormElement>(ProfileForm)!;
        foreach (var form in new[] { firstForm, secondForm })
        {
            form.SetAttribute("action", $"{Url(account, agent)}/profile");
        }

        using var saved = await first.SubmitAsync(firstForm, new Dictionary<string, string> { ["Input.Nickname"] = "From the owner" });
        using var refused = await second.SubmitAsync(secondForm, new Dictionary<string, string> { ["Input.Nickname"] = "From the admin" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = Browser.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Someone else saved changes", page.QuerySelector("#profile-form .alert-danger")!.TextContent);
        Assert.Equal("From the owner", page.QuerySelector<IHtmlInputElement>("#Input_Nickname")!.Value);
    }

    [Fact]
    public async Task AssignRoles_TheXRemovesOneAccount_AndAddRoleGrantsAnother()
    {
        var (account, owner, agent) = await AccountAsync();
        var (second, third) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.Db.Agencies.SingleAsync(a => a.Id == account.AgencyId);
            var s = await data.AccountAsync(agency);
            var t = await data.AccountAsync(agency);
            foreach (var a in new[] { s, t })
            {
                await data.GrantAsync(a, owner, AccountRole.Owner);
            }

            await data.GrantAsync(s, agent, AccountRole.CallAgent);
            return (s, t);
        });
        using var browser = await SignedInAsync(owner);
        var page = await browser.GetDocumentAsync(Url(account, agent));
        Assert.Contains(third.Id.ToString(), page.QuerySelectorAll("input[name='Roles.AddAccountIds']").Select(o => o.GetAttribute("value")));

        using var removed = await browser.PostFormAsync(Url(account, agent), new Dictionary<string, string>
        {
            ["Roles.RemoveAccountIds"] = second.Id.ToString(),
        }, RolesForm);
        using var added = await browser.PostFormAsync(Url(account, agent), new Dictionary<string, string>
        {
            ["Roles.AddRole"] = "ReportManager",
            ["Roles.AddAccountIds"] = third.Id.ToString(),
        }, RolesForm);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var after = await browser.GetDocumentAsync(Url(account, agent));
        Assert.Contains(third.Name, after.QuerySelector("[data-role='ReportManager']")!.TextContent);
        Assert.DoesNotContain(second.Name, after.QuerySelector("[data-role='CallAgent']")!.TextContent);
        Assert.Contains(account.Name, after.QuerySelector("[data-role='CallAgent']")!.TextContent);
    }

    [Fact]
    public async Task AddRole_WithoutScript_FindsAccountsByName_AndKeepsTheTickedOnes_AndSaves()
    {
        var (account, owner, agent) = await AccountAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var extra = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.Db.Agencies.SingleAsync(a => a.Id == account.AgencyId);
            var accounts = new List<Account>();
            for (var i = 1; i <= 55; i++)
            {
                var a = await data.AccountAsync(agency, name: $"Branch{tag} {i:D2}");
                await data.GrantAsync(a, owner, AccountRole.Owner);
                accounts.Add(a);
            }

            return accounts;
        });
        using var browser = await SignedInAsync(owner);
        var url = Url(account, agent);
        var page = await browser.GetDocumentAsync(url);
        Assert.Equal(50, page.QuerySelectorAll("input[name='Roles.AddAccountIds']").Length);
        Assert.Equal("50 shown of 56: find one by name, or see the next.", page.QuerySelector("#accounts-shown")!.TextContent);

        // Tick one on the first page, then find another by name: the ticked one stays ticked, at the top.
        page.QuerySelector<IHtmlInputElement>($"input[name='Roles.AddAccountIds'][value='{extra[0].Id}']")!.IsChecked = true;
        using var findResponse = await browser.ClickAsync(page, url, "#roles-form button[formaction*='handler=Accounts']", new Dictionary<string, string>
        {
            ["Roles.AccountFilter"] = $"BRANCH{tag} 5",
        });
        var found = Browser.Parse(await findResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, findResponse.StatusCode);
        var listed = found.QuerySelectorAll<IHtmlInputElement>("input[name='Roles.AddAccountIds']").ToList();
        Assert.Equal([extra[0].Id.ToString(), .. extra.Skip(49).Select(a => a.Id.ToString())], listed.Select(i => i.Value));
        Assert.Equal([true, false, false, false, false, false, false], listed.Select(i => i.IsChecked));
        Assert.Equal($"6 shown of 6 matching “BRANCH{tag} 5”. 1 ticked.", found.QuerySelector("#accounts-shown")!.TextContent);

        listed.Single(i => i.Value == extra[54].Id.ToString()).IsChecked = true;
        found.QuerySelector<IHtmlSelectElement>("#Roles_AddRole")!.Value = "ReportManager";
        using var saved = await browser.ClickAsync(found, url, "#save-roles");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await browser.GetDocumentAsync(Url(account, agent));
        Assert.Contains("Given the role Report Manager in", after.QuerySelector("#status-message")!.TextContent);
        Assert.Contains(extra[54].Name, after.QuerySelector("#status-message")!.TextContent);
        var reporting = after.QuerySelector("[data-role='ReportManager']")!.TextContent;
        Assert.Contains(extra[0].Name, reporting);
        Assert.Contains(extra[54].Name, reporting);
    }

    [Fact]
    public async Task AnAdministrator_SeesAnOwnerReadOnly_AndCannotGrantOwner()
    {
        var (account, owner, agent) = await AccountAsync();
        var admin = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Administrator));
        using var browser = await SignedInAsync(admin);

        var ownerPage = await browser.GetDocumentAsync(Url(account, owner));
        var agentPage = await browser.GetDocumentAsync(Url(account, agent));
        using var forged = await browser.PostFormAsync(Url(account, agent), new Dictionary<string, string>
        {
            ["Roles.AddRole"] = "Owner",
            ["Roles.AddAccountIds"] = account.Id.ToString(),
        }, RolesForm);

        Assert.NotNull(ownerPage.QuerySelector("#outranks-notice"));
        Assert.Null(ownerPage.QuerySelector("#save-profile"));
        Assert.NotNull(ownerPage.QuerySelector("#profile-form fieldset[disabled]"));
        Assert.Null(agentPage.QuerySelector("#profile-form fieldset[disabled]"));
        Assert.DoesNotContain("Owner", agentPage.QuerySelectorAll("#Roles_AddRole option").Select(o => o.GetAttribute("value")));
        Assert.Contains("Only Owners", Browser.Parse(await forged.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Roles.AddRole']")!.TextContent);
    }

    [Fact]
    public async Task ThePassword_IsSavedOnItsOwn_AndTheUserSignsInWithIt_ButOnlyTheHomeAccountSeesTheForm()
    {
        var (account, owner, agent) = await AccountAsync();
        var (elsewhere, otherOwner) = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            await data.GrantAsync(other, agent, AccountRole.CallAgent);
            // A password is the user's in every account they work in: the home Owner manages users in both.
            await data.GrantAsync(other, owner, AccountRole.Administrator);
            return (other, await data.MemberAsync(other, AccountRole.Owner));
        });
        using var browser = await SignedInAsync(owner);
        using var outsider = await SignedInAsync(otherOwner);

        using var saved = await browser.PostFormAsync(Url(account, agent), new Dictionary<string, string>
        {
            ["Password.NewPassword"] = "Brand-New-Pass-2026!",
            ["Password.ConfirmPassword"] = "Brand-New-Pass-2026!",
        }, PasswordForm);
        var foreign = await outsider.GetDocumentAsync(Url(elsewhere, agent));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var asAgent = fixture.NewBrowser();
        await asAgent.SignInAsync(agent.Email!, "Brand-New-Pass-2026!");
        Assert.Null(foreign.QuerySelector(PasswordForm));
        Assert.True(foreign.QuerySelector<IHtmlInputElement>("#Input_FirstName")!.IsReadOnly);
        Assert.NotNull(foreign.QuerySelector("#protected-notice"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EditUserSqliteTests(SqlitePortal fixture) : EditUserTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class EditUserPostgresTests(PostgresPortal fixture) : EditUserTests(fixture);
