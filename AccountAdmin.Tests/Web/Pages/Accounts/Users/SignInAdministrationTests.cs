using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

/// <summary>
/// What administrators see and do about how a user signs in: who has two-factor on Manage Users, and from the user's page
/// resetting their second factor or signing them out everywhere, for administrators of the user's home account only.
/// </summary>
public abstract class SignInAdministrationTests(PortalFixture fixture)
{
    private sealed record World(Account Home, Account Other, AppUser Owner, AppUser Agent, AppUser Plain, AppUser OtherOwner, AppUser OtherAdmin);

    /// <summary>The agent and a plain user are of Home, with two-factor on for the agent; the agent also works in Other.</summary>
    private Task<World> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var home = await data.AccountAsync(agency);
        var other = await data.AccountAsync(agency);
        var owner = await data.MemberAsync(home, AccountRole.Owner, "Olga", "Owner");
        var agent = await data.MemberAsync(home, AccountRole.CallAgent, "Abe", "Agent");
        await data.GrantAsync(other, agent, AccountRole.CallAgent);
        await data.TwoFactorAsync(agent);
        var plain = await data.MemberAsync(home, AccountRole.CallAgent, "Pia", "Plain");
        await data.GrantAsync(other, owner, AccountRole.Owner);
        var otherOwner = await data.MemberAsync(other, AccountRole.Owner, "Otto", "Other");
        var otherAdmin = await data.MemberAsync(other, AccountRole.Administrator, "Ada", "Other");
        return new World(home, other, owner, agent, plain, otherOwner, otherAdmin);
    });

    private static string UserUrl(Account account, AppUser user) => $"/accounts/{account.Id}/users/{user.Id}";

    private Task<(bool TwoFactor, int RecoveryCodes)> TwoFactorAsync(AppUser user) => fixture.WithDataAsync(async data =>
    {
        var users = data.Services.GetRequiredService<UserManager<AppUser>>();
        var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
        return (stored.TwoFactorEnabled, await users.CountRecoveryCodesAsync(stored));
    });

    private Task<int> LiveSessionsAsync(AppUser user) => fixture.WithDataAsync(data => data.Db.UserSessions.CountAsync(s => s.UserId == user.Id && s.EndedAt == null));

    [Fact]
    public async Task ManageUsers_ShowsWhoSignsInWithTwoFactor()
    {
        var w = await WorldAsync();
        using var owner = await fixture.SignedInAsync(w.Owner);

        var list = await owner.GetDocumentAsync($"/accounts/{w.Home.Id}/users");

        Assert.Equal("on", list.QuerySelector($"tr[data-user-id='{w.Agent.Id}'] [data-two-factor]")?.GetAttribute("data-two-factor"));
        Assert.Null(list.QuerySelector($"tr[data-user-id='{w.Plain.Id}'] [data-two-factor]"));
        var page = await owner.GetDocumentAsync(UserUrl(w.Home, w.Agent));
        Assert.Contains("Two-factor sign-in is on", page.QuerySelector("#two-factor-state")!.TextContent);
    }

    [Fact]
    public async Task AnOwnerOfTheHomeAccount_ResetsTheSecondFactor_TheUserIsSignedOut_EMailed_AndItIsAudited()
    {
        var w = await WorldAsync();
        using var agent = await fixture.SignedInAsync(w.Agent);
        using var owner = await fixture.SignedInAsync(w.Owner);
        var page = await owner.GetDocumentAsync(UserUrl(w.Home, w.Agent));
        var confirm = page.QuerySelector("#reset-two-factor")!.GetAttribute("href")!;

        using var reset = await owner.ClickAsync(confirm, "#confirm-reset-two-factor");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(UserUrl(w.Home, w.Agent), reset.Headers.Location?.OriginalString);
        Assert.Equal((false, 0), await TwoFactorAsync(w.Agent));
        Assert.Equal(HttpStatusCode.Redirect, (await agent.GetAsync("/profile")).StatusCode);
        Assert.Equal(0, await LiveSessionsAsync(w.Agent));
        var audited = await fixture.WithDataAsync(data => data.Db.AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Action == AuditActions.TwoFactorReset && e.TargetUserId == w.Agent.Id));
        Assert.Equal((w.Owner.Id, w.Home.Id), (audited.ActorUserId!.Value, audited.AccountId!.Value));
        Assert.True(await fixture.WithDataAsync(data => data.Db.OutboxMessages.AnyAsync(m => m.To == w.Agent.Email && m.Subject.EndsWith(" reset your two-factor sign-in"))));
        using var again = fixture.NewBrowser();
        using var signIn = await again.PostFormAsync("/login", new Dictionary<string, string> { ["Input.SignInName"] = w.Agent.Email!, ["Input.Password"] = TestData.Password });
        Assert.NotEqual("/login/two-factor", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnAdministratorOfTheHomeAccountOnly_MayNotReset_AUserWhoAlsoWorksWhereTheyDoNot_AndIsToldWhere()
    {
        var w = await WorldAsync();
        var homeAdmin = await fixture.WithDataAsync(data => data.MemberAsync(w.Home, AccountRole.Administrator, "Hal", "Home"));
        using var admin = await fixture.SignedInAsync(homeAdmin);
        var sessions = await LiveSessionsAsync(w.Agent);

        using var reset = await admin.PostWithTokenAsync($"{UserUrl(w.Home, w.Agent)}/two-factor/reset", new Dictionary<string, string>());
        using var signOut = await admin.PostWithTokenAsync($"{UserUrl(w.Home, w.Agent)}/sessions/end", new Dictionary<string, string>());

        Assert.Contains($"also works in {w.Other.Name}", Browser.Parse(await reset.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.Contains($"also works in {w.Other.Name}", Browser.Parse(await signOut.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal((true, 10), await TwoFactorAsync(w.Agent));
        Assert.Equal(sessions, await LiveSessionsAsync(w.Agent));
    }

    [Fact]
    public async Task AnAdministratorOfAnotherAccountTheUserWorksIn_MayNotReset_AndIsToldWhy()
    {
        var w = await WorldAsync();
        using var otherOwner = await fixture.SignedInAsync(w.OtherOwner);
        var page = await otherOwner.GetDocumentAsync(UserUrl(w.Other, w.Agent));

        using var reset = await otherOwner.PostWithTokenAsync($"{UserUrl(w.Other, w.Agent)}/two-factor/reset", new Dictionary<string, string>());
        using var signOut = await otherOwner.PostWithTokenAsync($"{UserUrl(w.Other, w.Agent)}/sessions/end", new Dictionary<string, string>());

        Assert.Null(page.QuerySelector("#reset-two-factor"));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Only an administrator of the account that created this user", Browser.Parse(await reset.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.Contains("Only an administrator of the account that created this user", Browser.Parse(await signOut.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal((true, 10), await TwoFactorAsync(w.Agent));
    }

    [Fact]
    public async Task TheResetAndSignOutPages_AreRefused_WithoutManageUsers_AndToAnotherAccountsUserGuessingIds()
    {
        var w = await WorldAsync();
        var (stranger, strangersAccount) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (await data.MemberAsync(account, AccountRole.Owner), account);
        });
        using var asPlain = await fixture.SignedInAsync(w.Plain);
        using var asStranger = await fixture.SignedInAsync(stranger);
        var agentSession = await fixture.WithDataAsync(data => data.SessionAsync(w.Agent));

        foreach (var action in new[] { "two-factor/reset", "sessions/end" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await asPlain.GetAsync($"{UserUrl(w.Home, w.Agent)}/{action}")).StatusCode);
            using var plainPost = await asPlain.PostWithTokenAsync($"{UserUrl(w.Home, w.Agent)}/{action}", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Forbidden, plainPost.StatusCode);
            using var ownAccount = await asStranger.PostWithTokenAsync($"{UserUrl(strangersAccount, w.Agent)}/{action}", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.NotFound, ownAccount.StatusCode);
            using var theirAccount = await asStranger.PostWithTokenAsync($"{UserUrl(w.Home, w.Agent)}/{action}", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Forbidden, theirAccount.StatusCode);
        }

        Assert.Equal((true, 10), await TwoFactorAsync(w.Agent));
        Assert.Null(await fixture.WithDataAsync(data => data.Db.UserSessions.Where(s => s.Id == agentSession).Select(s => s.EndedAt).SingleAsync()));
        Assert.False(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(
            e => (e.Action == AuditActions.TwoFactorReset || e.Action == AuditActions.SessionEnded) && e.TargetUserId == w.Agent.Id)));
    }

    [Fact]
    public async Task AnOwnerOfTheHomeAccount_SignsAUserOutEverywhere_AtTheirNextRequest()
    {
        var w = await WorldAsync();
        using var first = await fixture.SignedInAsync(w.Plain);
        using var second = await fixture.SignedInAsync(w.Plain);
        using var owner = await fixture.SignedInAsync(w.Owner);
        var page = await owner.GetDocumentAsync(UserUrl(w.Home, w.Plain));

        using var ended = await owner.ClickAsync(page.QuerySelector("#sign-user-out-everywhere")!.GetAttribute("href")!, "#confirm-sign-out-everywhere");

        Assert.Contains("2 sessions not ended", page.QuerySelector("#live-sessions")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/profile")).StatusCode);
        Assert.Equal(0, await LiveSessionsAsync(w.Plain));
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(
            e => e.Action == AuditActions.SessionEnded && e.TargetUserId == w.Plain.Id && e.ActorUserId == w.Owner.Id)));
    }

    [Fact]
    public async Task AnAdministrator_MayNotResetAnOwnersSecondFactor()
    {
        var w = await WorldAsync();
        var admin = await fixture.WithDataAsync(async data =>
        {
            await data.TwoFactorAsync(w.OtherOwner);
            return await data.MemberAsync(w.Other, AccountRole.Administrator, "Ann", "Admin");
        });
        using var browser = await fixture.SignedInAsync(admin);

        using var reset = await browser.PostWithTokenAsync($"{UserUrl(w.Other, w.OtherOwner)}/two-factor/reset", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("can do more in this account than you", Browser.Parse(await reset.Content.ReadAsStringAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal((true, 10), await TwoFactorAsync(w.OtherOwner));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignInAdministrationSqliteTests(SqlitePortal fixture) : SignInAdministrationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SignInAdministrationPostgresTests(PostgresPortal fixture) : SignInAdministrationTests(fixture);
