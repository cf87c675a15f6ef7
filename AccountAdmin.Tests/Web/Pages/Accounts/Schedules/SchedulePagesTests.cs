using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Schedules;

/// <summary>Account Settings' schedules: new with a split day, edit, delete one in use; bad input; who may not.</summary>
public abstract class SchedulePagesTests(PortalFixture fixture)
{
    private sealed record Scene(Account Account, Account Sibling, AppUser Admin, AppUser Agent, AppUser Manager, AppUser SiblingOwner, AppUser Stranger, Schedule Early, Schedule Late, Schedule SiblingSchedule);

    private Task<Scene> SceneAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var sibling = await data.AccountAsync(agency);
        var stranger = await data.MemberAsync(await data.AccountAsync(await data.AgencyAsync()), AccountRole.Owner);
        var early = new Schedule(account.Id, "Early", "UTC", "Mon 06:00-14:00");
        var late = new Schedule(account.Id, "Late", "Europe/London", "Mon 14:00-22:00");
        var siblingSchedule = new Schedule(sibling.Id, "Sibling hours", "UTC", "Tue 09:00-17:00");
        data.Db.Schedules.AddRange(early, late, siblingSchedule);
        var agent = await data.MemberAsync(account, AccountRole.CallAgent, "Cara", "Agent");
        data.Db.ScheduleAssignments.Add(new ScheduleAssignment(account.Id, agent.Id, early.Id));
        await data.Db.SaveChangesAsync();
        return new Scene(account, sibling, await data.MemberAsync(account, AccountRole.Administrator), agent,
            await data.MemberAsync(account, AccountRole.CallManager), await data.MemberAsync(sibling, AccountRole.Owner), stranger, early, late, siblingSchedule);
    });

    private static string Schedules(Account account) => $"/accounts/{account.Id}/settings/schedules";

    private Task<Schedule?> StoredAsync(Guid id) => fixture.WithDataAsync(data => data.Db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id));

    [Fact]
    public async Task AnAdministrator_MakesAScheduleWithASplitMonday_EditsIt_AndDeletesOneInUseGivingItsUsersAnother()
    {
        var s = await SceneAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var list = await browser.GetDocumentAsync(Schedules(s.Account));
        Assert.Equal(["Early", "Late"], list.QuerySelectorAll("#schedules a").Select(a => a.TextContent));
        Assert.Contains("1 user", list.QuerySelector($"[data-schedule-id='{s.Early.Id}']")!.TextContent);
        var blank = await browser.GetDocumentAsync(list.QuerySelector("#new-schedule")!.GetAttribute("href")!);
        Assert.Equal("09:00", blank.QuerySelector("#Form_Monday_0__From")!.GetAttribute("value"));
        Assert.NotNull(blank.QuerySelector("#time-zones option[value='Europe/London']"));

        using var created = await browser.PostFormAsync($"{Schedules(s.Account)}/new", new Dictionary<string, string>
        {
            ["Form.Name"] = "Split", ["Form.TimeZoneId"] = "America/New_York",
            ["Form.Monday[0].From"] = "08:00", ["Form.Monday[0].To"] = "12:00", ["Form.Monday[1].From"] = "13:00", ["Form.Monday[1].To"] = "17:00",
            ["Form.Friday[0].From"] = "22:00", ["Form.Friday[0].To"] = "00:00",
        }, "#schedule-form");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await browser.GetDocumentAsync(created.Headers.Location!.OriginalString);
        Assert.Equal($"The schedule Split was created in {s.Account.Name}.", page.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Equal(["08:00", "13:00", ""], page.QuerySelectorAll("[data-day='Monday'] input[name$='.From']").Select(i => i.GetAttribute("value") ?? ""));
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        // Tuesday to Thursday of the form's starting hours were left as they came, so they were saved too.
        Assert.Equal("Mon 08:00-12:00, 13:00-17:00; Tue 09:00-17:00; Wed 09:00-17:00; Thu 09:00-17:00; Fri 22:00-24:00", (await StoredAsync(id))!.WeeklyHours);

        using var edited = await browser.PostFormAsync(created.Headers.Location!.OriginalString, new Dictionary<string, string>
        {
            ["Form.Tuesday[0].From"] = "", ["Form.Tuesday[0].To"] = "", ["Form.TimeZoneId"] = "Asia/Tokyo",
        }, "#schedule-form");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var stored = (await StoredAsync(id))!;
        Assert.Equal(("Asia/Tokyo", "Mon 08:00-12:00, 13:00-17:00; Wed 09:00-17:00; Thu 09:00-17:00; Fri 22:00-24:00"), (stored.TimeZoneId, stored.WeeklyHours));

        var confirm = await browser.GetDocumentAsync($"{Schedules(s.Account)}/{s.Early.Id}/delete");
        Assert.Contains("1 user works to it", confirm.QuerySelector("#schedule-in-use")!.TextContent);
        using var deleted = await browser.PostFormAsync($"{Schedules(s.Account)}/{s.Early.Id}/delete", new Dictionary<string, string> { ["ReplacementId"] = s.Late.Id.ToString() });
        list = await browser.GetDocumentAsync(deleted.Headers.Location!.OriginalString);
        Assert.Contains("its users now work to Late", list.QuerySelector("#status-message")!.TextContent);
        Assert.Null(await StoredAsync(s.Early.Id));
        Assert.Equal(s.Late.Id, await fixture.WithDataAsync(data => data.Db.ScheduleAssignments.Where(a => a.UserId == s.Agent.Id).Select(a => a.ScheduleId).SingleAsync()));
    }

    [Fact]
    public async Task BadHours_AnUnknownTimeZone_AndADuplicateName_AreEachRefusedAtTheirField_AndNothingChanges()
    {
        var s = await SceneAsync();
        using var browser = await fixture.SignedInAsync(s.Admin);
        var url = $"{Schedules(s.Account)}/{s.Late.Id}";

        using var refused = await browser.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Form.Name"] = "EARLY", ["Form.TimeZoneId"] = "Europe/Atlantis",
            ["Form.Monday[0].From"] = "18:00", ["Form.Monday[0].To"] = "09:00",
            ["Form.Wednesday[0].From"] = "09:00", ["Form.Wednesday[0].To"] = "12:00", ["Form.Wednesday[1].From"] = "11:00", ["Form.Wednesday[1].To"] = "13:00",
        }, "#schedule-form");
        using var hostileReplacement = await browser.PostFormAsync($"{url}/delete", new Dictionary<string, string> { ["ReplacementId"] = s.SiblingSchedule.Id.ToString() });

        var page = Browser.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Choose a time zone from the list, such as Europe/London.", page.QuerySelector("[data-valmsg-for='Form.TimeZoneId']")!.TextContent.Trim());
        Assert.Contains("is not after 18:00", page.QuerySelector("#Form_Monday_0__To-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Form_Monday_0__To")!.GetAttribute("aria-invalid"));
        Assert.Equal("On Wednesday, 11:00–13:00 overlaps 09:00–12:00.", page.QuerySelector("#Form_Wednesday_1__From-error")!.TextContent.Trim());
        Assert.Equal("18:00", page.QuerySelector("#Form_Monday_0__From")!.GetAttribute("value"));
        Assert.Subset(
            page.QuerySelectorAll("[data-error-summary] a").Select(a => a.GetAttribute("href")).ToHashSet(),
            new HashSet<string?> { "#Form_TimeZoneId", "#Form_Monday_0__To", "#Form_Wednesday_1__From" });
        Assert.Equal(HttpStatusCode.OK, hostileReplacement.StatusCode);
        Assert.NotNull(await StoredAsync(s.Late.Id));
        var late = (await StoredAsync(s.Late.Id))!;
        Assert.Equal(("Late", "Europe/London", "Mon 14:00-22:00"), (late.Name, late.TimeZoneId, late.WeeklyHours));
    }

    [Fact]
    public async Task EveryPageAndHandler_IsRefused_WithoutAccountSettings_ToOtherAccountsAndAgencies_AndToGuessedIds()
    {
        var s = await SceneAsync();
        var url = $"{Schedules(s.Account)}/{s.Late.Id}";
        string[] pages = [Schedules(s.Account), $"{Schedules(s.Account)}/new", url, url + "/delete"];
        (string Url, Dictionary<string, string> Fields)[] posts =
        [
            ($"{Schedules(s.Account)}/new", new() { ["Form.Name"] = "Taken", ["Form.TimeZoneId"] = "UTC" }),
            (url, new() { ["Form.Name"] = "Taken", ["Form.TimeZoneId"] = "UTC" }),
            (url + "/delete", new()),
        ];

        foreach (var (user, outside) in new[] { (s.Agent, false), (s.Manager, false), (s.SiblingOwner, true), (s.Stranger, true) })
        {
            using var browser = await fixture.SignedInAsync(user);
            foreach (var page in pages)
            {
                using var response = await browser.GetAsync(page);
                Assert.True(outside ? response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden : response.StatusCode == HttpStatusCode.Forbidden,
                    $"{user.Email} GET {page}: {response.StatusCode}");
            }

            foreach (var (post, fields) in posts)
            {
                using var response = await browser.PostWithTokenAsync(post, fields);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{user.Email} POST {post}: {response.StatusCode}");
            }
        }

        // The sibling's Owner, through the sibling's address, with this account's schedule: not found.
        using var siblingOwner = await fixture.SignedInAsync(s.SiblingOwner);
        Assert.Equal(HttpStatusCode.OK, (await siblingOwner.GetAsync($"{Schedules(s.Sibling)}/{s.SiblingSchedule.Id}")).StatusCode);
        using (var crossed = await siblingOwner.PostWithTokenAsync($"{Schedules(s.Sibling)}/{s.Late.Id}/delete", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        }

        // Someone who administers this account and is only a Call Agent in the sibling: not there.
        await fixture.WithDataAsync(async data => { await data.GrantAsync(s.Sibling, s.Admin, AccountRole.CallAgent); return 0; });
        using var both = await fixture.SignedInAsync(s.Admin);
        Assert.Equal(HttpStatusCode.OK, (await both.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await both.GetAsync($"{Schedules(s.Sibling)}/{s.SiblingSchedule.Id}")).StatusCode);
        using (var there = await both.PostWithTokenAsync($"{Schedules(s.Sibling)}/{s.SiblingSchedule.Id}/delete", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, there.StatusCode);
        }

        Assert.NotNull(await StoredAsync(s.Late.Id));
        Assert.NotNull(await StoredAsync(s.SiblingSchedule.Id));
        Assert.Equal(2, await fixture.WithDataAsync(data => data.Db.Schedules.CountAsync(x => x.AccountId == s.Account.Id)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SchedulePagesSqliteTests(SqlitePortal fixture) : SchedulePagesTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SchedulePagesPostgresTests(PostgresPortal fixture) : SchedulePagesTests(fixture);
