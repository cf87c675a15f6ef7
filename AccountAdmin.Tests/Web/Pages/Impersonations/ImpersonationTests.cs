using System.Net;
using AngleSharp.Html.Dom;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Impersonations;

public abstract class ImpersonationTests(PortalFixture fixture)
{
    private sealed record Setup(Agency Agency, Account Account, Account Other, AppUser Owner, AppUser Agent, AppUser Support);

    private Task<Setup> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var other = await data.AccountAsync(agency);
        var owner = await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner");
        var agent = await data.MemberAsync(account, AccountRole.CallAgent, "Abe", "Agent");
        await data.GrantAsync(other, agent, AccountRole.CallAgent);
        var support = await data.UserAsync("support", "Sam", "Support");
        await data.SupportStaffAsync(support);
        return new Setup(agency, account, other, owner, agent, support);
    });

    private static string StartUrl(Setup s, AppUser user) => $"/impersonation/start?accountId={s.Account.Id}&userId={user.Id}";

    /// <summary>The Owner clicks Log in as on Manage Users and confirms; the browser then carries the impersonated session.</summary>
    private async Task<Browser> ImpersonatingAsync(Setup s, string? reason = null)
    {
        var browser = await fixture.SignedInAsync(s.Owner);
        var list = await browser.GetDocumentAsync($"/accounts/{s.Account.Id}/users");
        var start = list.QuerySelector($"a[aria-label='Log in as {s.Agent.FirstName} {s.Agent.LastName}']")!.GetAttribute("href")!;
        using var started = await browser.PostFormAsync(start, new Dictionary<string, string> { ["Reason"] = reason ?? "" }, "#impersonation-form");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return browser;
    }

    private Task<List<AuditEvent>> EventsAsync(string action, AppUser target) => fixture.WithDataAsync(data =>
        data.Db.AuditEvents.AsNoTracking().Where(e => e.Action == action && e.TargetUserId == target.Id).ToListAsync());

    [Fact]
    public async Task AnOwner_LogsInAsAnAgent_SeesWhatTheAgentSees_WithTheBanner_AndReturns()
    {
        var s = await SetupAsync();
        using var browser = await fixture.SignedInAsync(s.Owner);
        var confirm = await browser.GetDocumentAsync(StartUrl(s, s.Agent));
        Assert.Contains("Abe Agent", confirm.QuerySelector("#impersonation-who")!.TextContent);
        Assert.Equal(["View own calls and make calls"], confirm.QuerySelectorAll("#impersonation-permissions li").Select(l => l.TextContent));
        Assert.Empty(await fixture.WithDataAsync(data => data.Db.Impersonations.Where(i => i.UserId == s.Agent.Id).ToListAsync()));

        using var started = await browser.PostFormAsync(StartUrl(s, s.Agent), new Dictionary<string, string> { ["Reason"] = "See the agent's view" }, "#impersonation-form");
        var overview = await browser.GetDocumentAsync(started.Headers.Location!.OriginalString);

        Assert.Contains(started.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AccountAdmin.Session=", StringComparison.Ordinal));
        Assert.Contains("You, Olga Owner, are logged in as Abe Agent", overview.QuerySelector("#impersonation-banner")!.TextContent.Replace("\n", " ").Replace("  ", " "));
        Assert.Equal(["Call Agent"], overview.QuerySelectorAll("#grants .badge").Select(b => b.TextContent));
        Assert.Null(overview.QuerySelector("a[href$='/users']"));
        await browser.GetDocumentAsync($"/accounts/{s.Account.Id}/users", HttpStatusCode.Forbidden);

        using var stopped = await browser.PostFormAsync(started.Headers.Location!.OriginalString, new Dictionary<string, string>(), "form[action='/impersonation/stop']");
        var back = await browser.GetDocumentAsync(stopped.Headers.Location!.OriginalString);

        Assert.Equal($"/accounts/{s.Account.Id}/users", stopped.Headers.Location!.OriginalString);
        Assert.Contains(stopped.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AccountAdmin.Session=", StringComparison.Ordinal));
        Assert.Null(back.QuerySelector("#impersonation-banner"));
        Assert.Equal("You are back in your own account.", back.QuerySelector("#status-message")!.TextContent.Trim());
        Assert.Single(await EventsAsync(AuditActions.ImpersonationStarted, s.Agent));
        Assert.Contains("returned", Assert.Single(await EventsAsync(AuditActions.ImpersonationEnded, s.Agent)).Details);
    }

    [Fact]
    public async Task TheImpersonatedSession_IsConfinedToTheAccount_AndCannotNest()
    {
        var s = await SetupAsync();
        using var browser = await ImpersonatingAsync(s);

        await browser.GetDocumentAsync($"/accounts/{s.Other.Id}", HttpStatusCode.Forbidden);
        await browser.GetDocumentAsync($"/agencies/{s.Agency.Id}/divisions", HttpStatusCode.Forbidden);
        await browser.GetDocumentAsync("/support", HttpStatusCode.Forbidden);
        var home = await browser.GetDocumentAsync("/");
        var nested = await browser.GetDocumentAsync($"/impersonation/start?accountId={s.Account.Id}&userId={s.Owner.Id}");
        using var forced = await browser.PostWithTokenAsync($"/impersonation/start?accountId={s.Account.Id}&userId={s.Owner.Id}", new Dictionary<string, string>());

        Assert.Equal([$"/accounts/{s.Account.Id}"], home.QuerySelectorAll("main a[href^='/accounts/']").Select(a => a.GetAttribute("href")).Distinct());
        Assert.Contains("already logged in as someone else", nested.QuerySelector("#impersonation-refused")!.TextContent);
        Assert.Contains("already logged in as someone else", Browser.Parse(await forced.Content.ReadAsStringAsync()).QuerySelector("#impersonation-refused")!.TextContent);
        Assert.Single(await fixture.WithDataAsync(data => data.Db.Impersonations.Where(i => i.ImpersonatorUserId == s.Owner.Id).ToListAsync()));
        Assert.Contains(await EventsAsync(AuditActions.ImpersonationRefused, s.Owner), e => e.ImpersonatorUserId == s.Owner.Id && e.ActorUserId == s.Agent.Id);
    }

    [Fact]
    public async Task WhatIsDoneWhileImpersonating_CarriesBothNames_AndTheSignInDetailsCannotBeChanged()
    {
        var s = await SetupAsync();
        using var browser = await ImpersonatingAsync(s);

        using var preferences = await browser.PostFormAsync("/profile", new Dictionary<string, string> { ["Preferences.DailyEmailReminders"] = "true" }, "#preferences-form");
        using var password = await browser.PostFormAsync("/profile", new Dictionary<string, string>
        {
            ["Password.CurrentPassword"] = TestData.Password,
            ["Password.NewPassword"] = "Brand-New-Pass-2026!",
            ["Password.ConfirmPassword"] = "Brand-New-Pass-2026!",
        }, "#change-password");
        var refused = Browser.Parse(await password.Content.ReadAsStringAsync());

        var updated = Assert.Single(await EventsAsync(AuditActions.PreferencesUpdated, s.Agent));
        Assert.Equal((s.Agent.Id, s.Owner.Id), (updated.ActorUserId!.Value, updated.ImpersonatorUserId!.Value));
        Assert.Contains("can't change this user's password", refused.QuerySelector("[data-valmsg-for='Password.NewPassword']")!.TextContent);
        Assert.Single(await EventsAsync(AuditActions.ImpersonationActionRefused, s.Agent));
        using var own = fixture.NewBrowser();
        await own.SignInAsync(s.Agent.Email!);
    }

    [Fact]
    public async Task AnOwnerRemovalRequest_CannotBeApproved_OnTheOwnersBehalf()
    {
        var s = await SetupAsync();
        var second = await fixture.WithDataAsync(data => data.MemberAsync(s.Account, AccountRole.Owner, "Sue", "Second"));
        using (var first = await fixture.SignedInAsync(s.Owner))
        using (await first.PostFormAsync($"/accounts/{s.Account.Id}/users/{second.Id}/owner-removal", new Dictionary<string, string> { ["NewRole"] = "Administrator" }))
        {
        }

        using var support = await fixture.SignedInAsync(s.Support);
        using (await support.PostFormAsync($"/impersonation/start?userId={second.Id}", new Dictionary<string, string> { ["Reason"] = "Ticket 9" }, "#impersonation-form"))
        {
        }

        var requestId = await fixture.WithDataAsync(data => data.Db.OwnerRemovalRequests.Where(r => r.OwnerUserId == second.Id).Select(r => r.Id).SingleAsync());
        using var approve = await support.PostWithTokenAsync($"/profile/owner-removals/{requestId}?handler=Approve", new Dictionary<string, string> { ["requestId"] = requestId.ToString() });
        var profile = await support.GetDocumentAsync(approve.Headers.Location!.OriginalString);

        Assert.Contains("can't approve a request to step down as Owner", profile.QuerySelector("#status-message")!.TextContent);
        Assert.Equal(AccountRole.Owner, await fixture.WithDataAsync(data => data.Db.Memberships.Where(m => m.UserId == second.Id).Select(m => m.Role).SingleAsync()));
        Assert.Single(await EventsAsync(AuditActions.ImpersonationActionRefused, second));
    }

    [Fact]
    public async Task WhatSupportDoesLoggedInAsAnOwner_IsMailedAsSupports_NamingTheOwner()
    {
        var s = await SetupAsync();
        using var support = await fixture.SignedInAsync(s.Support);
        using (await support.PostFormAsync($"/impersonation/start?userId={s.Owner.Id}", new Dictionary<string, string> { ["Reason"] = "Ticket 21" }, "#impersonation-form"))
        {
        }

        var list = await support.GetDocumentAsync($"/accounts/{s.Account.Id}/users");
        using (await support.PostFormAsync(list.QuerySelector("a[aria-label='Suspend Abe Agent']")!.GetAttribute("href")!, new Dictionary<string, string>()))
        {
        }

        var mail = await fixture.WithDataAsync(data => data.Db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == s.Agent.Email));
        Assert.Equal($"AccountAdmin support suspended your access to {s.Account.Name}", mail.Subject);
        Assert.Contains($"AccountAdmin support (logged in as Olga Owner) suspended your access to the account {s.Account.Name}.", mail.TextBody);
    }

    [Fact]
    public async Task AChangeOfTheOwnersEMail_CannotBeConfirmed_OnTheirBehalf()
    {
        var s = await SetupAsync();
        var newEmail = $"{TestData.Unique("moved")}@test.example";
        await fixture.WithDataAsync(async data =>
        {
            var owner = await data.Db.Users.SingleAsync(u => u.Id == s.Owner.Id);
            await data.Services.GetRequiredService<AccountAdmin.Core.Users.IEmailChanges>().RequestAsync(owner.Id, owner, newEmail);
            await data.Db.SaveChangesAsync();
        });
        var body = await fixture.WithDataAsync(data => data.Db.OutboxMessages.Where(m => m.To == newEmail).Select(m => m.TextBody).SingleAsync());
        var link = TestData.LinkIn(body, "/confirm-email/").PathAndQuery;
        using var support = await fixture.SignedInAsync(s.Support);
        using (await support.PostFormAsync($"/impersonation/start?userId={s.Owner.Id}", new Dictionary<string, string> { ["Reason"] = "Ticket 13" }, "#impersonation-form"))
        {
        }

        using var confirmed = await support.PostFormAsync(link, new Dictionary<string, string>());
        var page = Browser.Parse(await confirmed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("can't confirm a change of this user's e-mail address", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(s.Owner.Email, await fixture.WithDataAsync(data => data.Db.Users.Where(u => u.Id == s.Owner.Id).Select(u => u.Email).SingleAsync()));
        Assert.Single(await EventsAsync(AuditActions.ImpersonationActionRefused, s.Owner));
    }

    [Fact]
    public async Task WhoMustUseTwoFactor_CannotBeChanged_OnAnOwnersBehalf()
    {
        var s = await SetupAsync();
        await fixture.WithDataAsync(data => data.Db.Accounts.Where(a => a.Id == s.Account.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.TwoFactorRequirement, TwoFactorRequirement.Everyone)));
        using var support = await fixture.SignedInAsync(s.Support);
        using (await support.PostFormAsync($"/impersonation/start?userId={s.Owner.Id}", new Dictionary<string, string> { ["Reason"] = "Ticket 12" }, "#impersonation-form"))
        {
        }

        using var lowered = await support.PostFormAsync($"/accounts/{s.Account.Id}/settings",
            new Dictionary<string, string> { ["TwoFactorRequirement"] = "None" }, "#two-factor-form");
        var page = Browser.Parse(await lowered.Content.ReadAsStringAsync());

        Assert.Contains("can't change who must use two-factor sign-in", page.QuerySelector("#two-factor-requirement-error")!.TextContent);
        Assert.Equal(TwoFactorRequirement.Everyone, await fixture.WithDataAsync(data => data.Db.Accounts.Where(a => a.Id == s.Account.Id).Select(a => a.TwoFactorRequirement).SingleAsync()));
        Assert.Empty(await fixture.WithDataAsync(data => data.Db.AuditEvents.Where(e => e.Action == AuditActions.TwoFactorRequirementChanged && e.AccountId == s.Account.Id).ToListAsync()));
        Assert.Single(await EventsAsync(AuditActions.ImpersonationActionRefused, s.Owner));
    }

    [Fact]
    public async Task TheTimeLimit_EndsIt_AndGivesTheOwnerTheirOwnSessionBack()
    {
        var s = await SetupAsync();
        using var browser = await ImpersonatingAsync(s);
        await fixture.WithDataAsync(async data =>
            await data.Db.Impersonations.Where(i => i.UserId == s.Agent.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));

        var page = await browser.GetDocumentAsync($"/accounts/{s.Account.Id}/users");

        Assert.Null(page.QuerySelector("#impersonation-banner"));
        Assert.Contains("Your impersonation ended (time limit reached)", page.QuerySelector("#status-message")!.TextContent);
        Assert.Contains("time limit", Assert.Single(await EventsAsync(AuditActions.ImpersonationEnded, s.Agent)).Details);
        Assert.Null((await browser.GetDocumentAsync("/")).QuerySelector("#impersonation-banner"));
    }

    [Fact]
    public async Task SuspendingTheUser_OrTheOwnerLosingTheRole_EndsItAtTheNextRequest()
    {
        var s = await SetupAsync();
        using var suspended = await ImpersonatingAsync(s);
        using var admin = await fixture.SignedInAsync(s.Owner);
        using (await admin.PostWithTokenAsync($"/accounts/{s.Account.Id}/users/{s.Agent.Id}/suspend", new Dictionary<string, string>()))
        {
        }

        var afterSuspension = await suspended.GetDocumentAsync("/profile");
        Assert.Contains("the user lost their access", afterSuspension.QuerySelector("#status-message")!.TextContent);

        await fixture.WithDataAsync(async data =>
            await data.Db.Memberships.Where(m => m.UserId == s.Agent.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MembershipStatus.Active)));
        using var demoted = await ImpersonatingAsync(s);
        await fixture.WithDataAsync(async data =>
            await data.Db.Memberships.Where(m => m.UserId == s.Owner.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Role, AccountRole.ReportManager)));
        var afterDemotion = await demoted.GetDocumentAsync("/profile");
        Assert.Contains("permission to log in as them ended", afterDemotion.QuerySelector("#status-message")!.TextContent);
    }

    [Fact]
    public async Task SigningOut_WhileImpersonating_EndsTheImpersonationToo()
    {
        var s = await SetupAsync();
        using var browser = await ImpersonatingAsync(s);

        using (await browser.PostFormAsync("/profile", new Dictionary<string, string>(), "form[action='/logout']"))
        {
        }

        Assert.Contains("signed out", Assert.Single(await EventsAsync(AuditActions.ImpersonationEnded, s.Agent)).Details);
        using var after = await browser.GetAsync("/profile");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task TheImpersonatorsOwnSignInChanging_EndsTheWholeSession()
    {
        var s = await SetupAsync();
        using var browser = await ImpersonatingAsync(s);
        await fixture.WithDataAsync(async data =>
            await data.Db.Users.Where(u => u.Id == s.Owner.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString())));

        using var response = await browser.GetAsync("/profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_ShowTheirMessage_AndAreAudited_AndStartingIsNeverAGet()
    {
        var s = await SetupAsync();
        var (archived, foreign) = await fixture.WithDataAsync(async data =>
        {
            var archived = await data.MemberAsync(s.Account, AccountRole.CallAgent, "Gone", "Away");
            await data.ArchiveAsync(archived);
            return (archived, await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent, "Far", "Away"));
        });
        using var owner = await fixture.SignedInAsync(s.Owner);
        using var agent = await fixture.SignedInAsync(s.Agent);
        var cases = new (Browser Browser, string Url, string Message)[]
        {
            (owner, StartUrl(s, s.Owner), "You can't log in as yourself."),
            (owner, StartUrl(s, archived), "Gone Away is archived"),
            (owner, StartUrl(s, foreign), "Far Away is not a user of this account."),
            (owner, $"/impersonation/start?accountId={s.Account.Id}&userId={Guid.NewGuid()}", "There is no such user."),
            (agent, StartUrl(s, s.Owner), "You don't manage users in this account"),
            (owner, StartUrl(s, s.Support), "Nobody can log in as a member of the support staff."),
        };

        foreach (var (browser, url, message) in cases)
        {
            var page = await browser.GetDocumentAsync(url);
            Assert.Contains(message, page.QuerySelector("#impersonation-refused")!.TextContent);
            Assert.Null(page.QuerySelector("#impersonation-form"));
            using var posted = await browser.PostWithTokenAsync(url, new Dictionary<string, string>());
            Assert.Contains(message, Browser.Parse(await posted.Content.ReadAsStringAsync()).QuerySelector("#impersonation-refused")!.TextContent);
        }

        using var noToken = await owner.Client.PostAsync(StartUrl(s, s.Agent), new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(cases.Length, await fixture.WithDataAsync(data => data.Db.AuditEvents.CountAsync(e =>
            e.Action == AuditActions.ImpersonationRefused && (e.ActorUserId == s.Owner.Id || e.ActorUserId == s.Agent.Id))));
        Assert.Empty(await fixture.WithDataAsync(data => data.Db.Impersonations.Where(i => i.ImpersonatorUserId == s.Owner.Id).ToListAsync()));
    }

    [Fact]
    public async Task SupportStaff_FindAUser_GiveAReason_AndTheUserSeesItOnTheirProfile()
    {
        var s = await SetupAsync();
        using var support = await fixture.SignedInAsync(s.Support);
        var console = await support.GetDocumentAsync($"/support?q={Uri.EscapeDataString(s.Agent.Email!)}");
        var start = console.QuerySelector($"tr[data-user-id='{s.Agent.Id}'] a")!.GetAttribute("href")!;

        using var withoutReason = await support.PostFormAsync(start, new Dictionary<string, string>(), "#impersonation-form");
        using var started = await support.PostFormAsync(start, new Dictionary<string, string> { ["Reason"] = "Ticket 4821" }, "#impersonation-form");
        var home = await support.GetDocumentAsync(started.Headers.Location!.OriginalString);
        var other = await support.GetDocumentAsync($"/accounts/{s.Other.Id}");
        using (await support.PostFormAsync("/", new Dictionary<string, string>(), "form[action='/impersonation/stop']"))
        {
        }

        using var agent = await fixture.SignedInAsync(s.Agent);
        var profile = await agent.GetDocumentAsync("/profile");

        Assert.Contains("Say why you are logging in", Browser.Parse(await withoutReason.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Reason']")!.TextContent);
        Assert.NotNull(home.QuerySelector("#impersonation-banner"));
        Assert.NotNull(other.QuerySelector("#impersonation-banner"));
        var record = profile.QuerySelector("#impersonations [data-impersonation]")!.TextContent;
        Assert.Contains("Sam Support", record);
        Assert.Contains("(AccountAdmin support)", record);
        Assert.Contains("Reason: Ticket 4821", record);
        Assert.Contains("returned", record);
    }

    [Fact]
    public async Task TheSupportConsole_IsForSupportStaffOnly()
    {
        var s = await SetupAsync();
        using var owner = await fixture.SignedInAsync(s.Owner);

        await owner.GetDocumentAsync("/support", HttpStatusCode.Forbidden);
        await owner.GetDocumentAsync("/support/audit", HttpStatusCode.Forbidden);
        using var export = await owner.GetAsync("/support/audit?handler=Export");
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImpersonationSqliteTests(SqlitePortal fixture) : ImpersonationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ImpersonationPostgresTests(PostgresPortal fixture) : ImpersonationTests(fixture);
