using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Groups;

/// <summary>Account Settings' access control groups: list, create, members, rename, delete; and who may not.</summary>
public abstract class GroupPagesTests(PortalFixture fixture)
{
    private sealed record Scene(
        Agency Agency, Account Account, Account Sibling, AppUser Admin, AppUser Owner, AppUser Agent, AppUser Manager, AppUser Reporter,
        AppUser SiblingAgent, AppUser SiblingOwner, AppUser AgencyAdmin, AppUser Stranger, AccessControlGroup Group, AccessControlGroup SiblingGroup);

    private Task<Scene> SceneAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var sibling = await data.AccountAsync(agency);
        var agencyAdmin = await data.UserAsync("aa");
        await data.AgencyRoleAsync(agency, agencyAdmin, AgencyRole.AgencyAdministrator);
        var otherAgency = await data.AgencyAsync();
        var stranger = await data.MemberAsync(await data.AccountAsync(otherAgency), AccountRole.Owner);
        var group = new AccessControlGroup(account.Id, "Inbound");
        var siblingGroup = new AccessControlGroup(sibling.Id, "Sibling team");
        data.Db.AccessControlGroups.AddRange(group, siblingGroup);
        await data.Db.SaveChangesAsync();
        return new Scene(
            agency, account, sibling,
            await data.MemberAsync(account, AccountRole.Administrator, "Ada", "Admin"),
            await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner"),
            await data.MemberAsync(account, AccountRole.CallAgent, "Cara", "Agent"),
            await data.MemberAsync(account, AccountRole.CallManager, "Mo", "Manager"),
            await data.MemberAsync(account, AccountRole.ReportManager, "Rita", "Reporter"),
            await data.MemberAsync(sibling, AccountRole.CallAgent, "Sid", "Sibling"),
            await data.MemberAsync(sibling, AccountRole.Owner),
            agencyAdmin, stranger, group, siblingGroup);
    });

    private static string Groups(Account account) => $"/accounts/{account.Id}/settings/groups";

    private static string GroupUrl(Account account, AccessControlGroup group) => $"{Groups(account)}/{group.Id}";

    private Task<List<Guid>> MembersAsync(AccessControlGroup group) =>
        fixture.WithDataAsync(data => data.Db.AccessControlGroupMembers.Where(m => m.GroupId == group.Id).Select(m => m.UserId).ToListAsync());

    [Fact]
    public async Task ABigGroup_IsShownAHundredByNameAtATime_AndTakingOneOut_StaysOnItsPage()
    {
        var s = await SceneAsync();
        var agents = new List<AppUser>();
        await fixture.WithDataAsync(async data =>
        {
            for (var i = 0; i < 150; i++)
            {
                var agent = await data.MemberAsync(s.Account, AccountRole.CallAgent, "Zed", $"{i:D3}", withPassword: false);
                data.Db.AccessControlGroupMembers.Add(new AccessControlGroupMember(s.Group.Id, agent.Id));
                agents.Add(agent);
            }

            await data.Db.SaveChangesAsync();
            return 0;
        });
        using var browser = await fixture.SignedInAsync(s.Admin);
        static string[] Names(IHtmlDocument page) => page.QuerySelectorAll("#members tbody tr a").Select(a => a.TextContent.Trim()).ToArray();

        var first = await browser.GetDocumentAsync(GroupUrl(s.Account, s.Group));
        Assert.Equal(100, Names(first).Length);
        Assert.Equal(("Zed 000", "Zed 099"), (Names(first)[0], Names(first)[^1]));
        Assert.Equal("100 by name of 150", first.QuerySelector("#member-pages span")!.TextContent.Trim());
        Assert.Null(first.QuerySelector("#first-members"));

        var nextUrl = first.QuerySelector("#next-members")!.GetAttribute("href")!;
        var second = await browser.GetDocumentAsync(nextUrl);
        Assert.Equal(50, Names(second).Length);
        Assert.Equal("Zed 100", Names(second)[0]);
        Assert.Null(second.QuerySelector("#next-members"));

        using var takenOut = await browser.ClickAsync(second, nextUrl, "button[aria-label='Take out Zed 120']");
        Assert.Equal(HttpStatusCode.Redirect, takenOut.StatusCode);
        Assert.Equal(nextUrl, takenOut.Headers.Location!.OriginalString);
        Assert.DoesNotContain(agents[120].Id, await MembersAsync(s.Group));
        Assert.Equal(49, Names(await browser.GetDocumentAsync(nextUrl)).Length);
    }

    [Fact]
    public async Task AnAdministrator_CreatesAGroup_AddsMembers_TakesOneOut_RenamesIt_AndDeletesItAfterConfirming()
    {
        var s = await SceneAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var settings = await browser.GetDocumentAsync($"/accounts/{s.Account.Id}/settings");
        var list = await browser.GetDocumentAsync(settings.QuerySelector("#settings-groups")!.GetAttribute("href")!);
        Assert.Equal(["Inbound"], list.QuerySelectorAll("#groups a").Select(a => a.TextContent));

        using var created = await browser.PostFormAsync(Groups(s.Account), new Dictionary<string, string> { ["Name"] = " Night shift " }, "#new-group-form");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var groupUrl = created.Headers.Location!.OriginalString;
        var page = await browser.GetDocumentAsync(groupUrl);
        Assert.Equal($"The group Night shift was created in {s.Account.Name}. Now add its members.", page.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Equal("Night shift", page.QuerySelector("#group-name")!.TextContent);
        // Only the account's Call Agents, Call Managers and Report Managers are offered.
        Assert.Equal(["Cara Agent", "Mo Manager", "Rita Reporter"],
            page.QuerySelectorAll("#add-form .form-check-label").Select(l => l.FirstChild!.TextContent.Trim()));

        var add = (IHtmlFormElement)page.QuerySelector("#add-form")!;
        foreach (var user in new[] { s.Agent, s.Reporter })
        {
            ((IHtmlInputElement)add.QuerySelector($"input[value='{user.Id}']")!).IsChecked = true;
        }

        using var added = await browser.SubmitAsync(add);
        page = await browser.GetDocumentAsync(added.Headers.Location!.OriginalString);
        Assert.Equal("2 users added to Night shift.", page.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Equal(["Cara Agent", "Rita Reporter"], page.QuerySelectorAll("#members tbody a").Select(a => a.TextContent));
        Assert.Equal(["Mo Manager"], page.QuerySelectorAll("#add-form .form-check-label").Select(l => l.FirstChild!.TextContent.Trim()));

        using var takenOut = await browser.ClickAsync(page, groupUrl, $"#members button[value='{s.Agent.Id}']");
        page = await browser.GetDocumentAsync(takenOut.Headers.Location!.OriginalString);
        Assert.Equal($"Cara Agent is no longer in Night shift; they stay in {s.Account.Name}.", page.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Equal(["Rita Reporter"], page.QuerySelectorAll("#members tbody a").Select(a => a.TextContent));

        using var renamed = await browser.PostFormAsync(groupUrl, new Dictionary<string, string> { ["Name"] = "Late shift" }, "#rename-form");
        page = await browser.GetDocumentAsync(renamed.Headers.Location!.OriginalString);
        Assert.Equal("Late shift", page.QuerySelector("#group-name")!.TextContent);

        var confirm = await browser.GetDocumentAsync(page.QuerySelector("#delete-group")!.GetAttribute("href")!);
        Assert.Contains("1 user loses the group.", confirm.QuerySelector("main")!.TextContent);
        using var deleted = await browser.PostFormAsync(groupUrl + "/delete", new Dictionary<string, string>());
        list = await browser.GetDocumentAsync(deleted.Headers.Location!.OriginalString);
        Assert.Equal(Groups(s.Account), deleted.Headers.Location!.OriginalString);
        Assert.Contains("The group Late shift was deleted", list.QuerySelector("#status-message")!.TextContent);
        Assert.Equal(["Inbound"], list.QuerySelectorAll("#groups a").Select(a => a.TextContent));
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(
            e => e.Action == AuditActions.GroupMemberRemoved && e.TargetUserId == s.Reporter.Id && e.AccountId == s.Account.Id)));
    }

    [Fact]
    public async Task BadInput_GetsAMessageAtItsField_AndChangesNothing()
    {
        var s = await SceneAsync();
        using var browser = await fixture.SignedInAsync(s.Owner);
        var groupUrl = GroupUrl(s.Account, s.Group);

        using var duplicate = await browser.PostFormAsync(Groups(s.Account), new Dictionary<string, string> { ["Name"] = "INBOUND" }, "#new-group-form");
        using var blankRename = await browser.PostFormAsync(groupUrl, new Dictionary<string, string> { ["Name"] = " " }, "#rename-form");
        using var nobody = await browser.PostFormAsync(groupUrl, new Dictionary<string, string>(), "#add-form");
        // Ids in a form body are as hostile as in an address: another account's agent, the Owner, someone unknown.
        using var sibling = await browser.PostWithTokenAsync(groupUrl + "?handler=Add", new Dictionary<string, string> { ["UserIds"] = s.SiblingAgent.Id.ToString() });
        using var owner = await browser.PostWithTokenAsync(groupUrl + "?handler=Add", new Dictionary<string, string> { ["UserIds"] = s.Owner.Id.ToString() });
        using var unreadable = await browser.PostWithTokenAsync(groupUrl + "?handler=Add", new Dictionary<string, string> { ["UserIds"] = "not-a-guid" });
        using var notAMember = await browser.PostWithTokenAsync(groupUrl + "?handler=Remove", new Dictionary<string, string> { ["userId"] = s.Agent.Id.ToString() });

        var duplicatePage = Browser.Parse(await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal("The account already has a group with this name.", duplicatePage.QuerySelector("[data-valmsg-for='Name']")!.TextContent.Trim());
        Assert.Equal("true", duplicatePage.QuerySelector("#Name")!.GetAttribute("aria-invalid"));
        Assert.Equal("Enter a name for the group.", Browser.Parse(await blankRename.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Name']")!.TextContent.Trim());
        Assert.Equal("Tick the users to add to the group.", Browser.Parse(await nobody.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='UserIds']")!.TextContent.Trim());
        foreach (var refused in new[] { sibling, owner })
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Nothing was saved", Browser.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='UserIds']")!.TextContent);
        }

        Assert.NotEqual(HttpStatusCode.InternalServerError, unreadable.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAMember.StatusCode);
        Assert.Empty(await MembersAsync(s.Group));
        Assert.Equal(1, await fixture.WithDataAsync(data => data.Db.AccessControlGroups.CountAsync(g => g.AccountId == s.Account.Id)));
        Assert.Equal("Inbound", await fixture.WithDataAsync(data => data.Db.AccessControlGroups.Where(g => g.Id == s.Group.Id).Select(g => g.Name).SingleAsync()));
    }

    [Fact]
    public async Task EveryPageAndHandler_IsRefused_ToRolesWithoutAccountSettings_ToOtherAccountsAndAgencies_AndToGuessedIds()
    {
        var s = await SceneAsync();
        var groupUrl = GroupUrl(s.Account, s.Group);
        string[] pages = [Groups(s.Account), groupUrl, groupUrl + "/delete"];
        (string Url, Dictionary<string, string> Fields)[] posts =
        [
            (Groups(s.Account), new() { ["Name"] = "Taken over" }),
            (groupUrl + "?handler=Rename", new() { ["Name"] = "Taken over" }),
            (groupUrl + "?handler=Add", new() { ["UserIds"] = s.Agent.Id.ToString() }),
            (groupUrl + "?handler=Remove", new() { ["userId"] = s.Agent.Id.ToString() }),
            (groupUrl + "/delete", new()),
        ];
        await fixture.WithDataAsync(async data =>
        {
            data.Db.AccessControlGroupMembers.Add(new AccessControlGroupMember(s.Group.Id, s.Agent.Id));
            await data.Db.SaveChangesAsync();
            return 0;
        });

        // Without the permission here: 403. Outside the account (another account's Owner, another agency's): 404 or 403, never a change.
        foreach (var (user, outside) in new[] { (s.Agent, false), (s.Manager, false), (s.Reporter, false), (s.SiblingOwner, true), (s.Stranger, true) })
        {
            using var browser = await fixture.SignedInAsync(user);
            foreach (var url in pages)
            {
                using var response = await browser.GetAsync(url);
                Assert.True(outside ? response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden : response.StatusCode == HttpStatusCode.Forbidden,
                    $"{user.Email} GET {url}: {response.StatusCode}");
            }

            foreach (var (url, fields) in posts)
            {
                using var response = await browser.PostWithTokenAsync(url, fields);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{user.Email} POST {url}: {response.StatusCode}");
            }
        }

        // The sibling's Owner manages the sibling's groups, but this account's group is not found through the sibling.
        using var siblingOwner = await fixture.SignedInAsync(s.SiblingOwner);
        Assert.Equal(HttpStatusCode.OK, (await siblingOwner.GetAsync(GroupUrl(s.Sibling, s.SiblingGroup))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await siblingOwner.GetAsync(GroupUrl(s.Sibling, s.Group))).StatusCode);
        using (var crossed = await siblingOwner.PostWithTokenAsync(GroupUrl(s.Sibling, s.Group) + "/delete", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        }

        Assert.Equal([s.Agent.Id], await MembersAsync(s.Group));
        Assert.Equal(["Inbound"], await fixture.WithDataAsync(data => data.Db.AccessControlGroups.Where(g => g.AccountId == s.Account.Id).Select(g => g.Name).ToListAsync()));
        Assert.False(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(e => e.AccountId == s.Account.Id && e.Action.StartsWith("group."))));
    }

    [Fact]
    public async Task SomeoneWithRolesInSeveralAccounts_ManagesGroupsOnlyWhereTheirRoleLetsThem()
    {
        var s = await SceneAsync();
        // An Administrator here who is only a Call Agent in the sibling account.
        await fixture.WithDataAsync(async data =>
        {
            await data.GrantAsync(s.Sibling, s.Admin, AccountRole.CallAgent);
            return 0;
        });
        using var browser = await fixture.SignedInAsync(s.Admin);

        using var here = await browser.GetAsync(GroupUrl(s.Account, s.Group));
        using var there = await browser.GetAsync(GroupUrl(s.Sibling, s.SiblingGroup));
        using var renameThere = await browser.PostWithTokenAsync(GroupUrl(s.Sibling, s.SiblingGroup) + "?handler=Rename", new Dictionary<string, string> { ["Name"] = "Mine now" });
        using var addThere = await browser.PostWithTokenAsync(GroupUrl(s.Sibling, s.SiblingGroup) + "?handler=Add", new Dictionary<string, string> { ["UserIds"] = s.SiblingAgent.Id.ToString() });
        // Their own account's address with the sibling's group, and the sibling's agent into their own group: not found, refused.
        using var mixed = await browser.PostWithTokenAsync(GroupUrl(s.Account, s.SiblingGroup) + "?handler=Rename", new Dictionary<string, string> { ["Name"] = "Mine now" });
        using var foreignAgent = await browser.PostWithTokenAsync(GroupUrl(s.Account, s.Group) + "?handler=Add", new Dictionary<string, string> { ["UserIds"] = s.SiblingAgent.Id.ToString() });

        Assert.Equal(HttpStatusCode.OK, here.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, there.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, renameThere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, addThere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mixed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, foreignAgent.StatusCode);
        Assert.Empty(await MembersAsync(s.SiblingGroup));
        Assert.Empty(await MembersAsync(s.Group));
        Assert.Equal("Sibling team", await fixture.WithDataAsync(data => data.Db.AccessControlGroups.Where(g => g.Id == s.SiblingGroup.Id).Select(g => g.Name).SingleAsync()));
    }

    [Fact]
    public async Task AnAgencyAdministrator_ManagesTheGroupsOfTheAgencysAccounts_AndTheSidebarLeadsThere()
    {
        var s = await SceneAsync();
        using var browser = await fixture.SignedInAsync(s.AgencyAdmin);

        var page = await browser.GetDocumentAsync(Groups(s.Sibling));
        using var created = await browser.PostFormAsync(Groups(s.Sibling), new Dictionary<string, string> { ["Name"] = "Agency made" }, "#new-group-form");

        Assert.Equal($"/accounts/{s.Sibling.Id}/settings", page.QuerySelector("#nav-settings")!.GetAttribute("href"));
        Assert.Equal("page", page.QuerySelector("#settings-groups")!.GetAttribute("aria-current"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(
            e => e.Action == AuditActions.GroupCreated && e.AccountId == s.Sibling.Id && e.ActorUserId == s.AgencyAdmin.Id && e.Details == "Agency made")));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GroupPagesSqliteTests(SqlitePortal fixture) : GroupPagesTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class GroupPagesPostgresTests(PostgresPortal fixture) : GroupPagesTests(fixture);
