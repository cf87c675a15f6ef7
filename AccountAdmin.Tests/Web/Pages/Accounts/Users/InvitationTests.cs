using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

/// <summary>An invited user's invitation on their page and in Manage Users: when it was sent and until when it works, sent again, revoked.</summary>
public abstract class InvitationTests(PortalFixture fixture)
{
    private sealed record World(Account Account, AppUser Owner, AppUser Invited, AppUser Agent, Account Other, AppUser OtherOwner, AppUser Both);

    private Task<World> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var account = await data.AccountAsync();
        var other = await data.AccountAsync();
        var both = await data.MemberAsync(other, AccountRole.Administrator);
        await data.GrantAsync(account, both, AccountRole.CallAgent);
        return new World(
            account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent, "Ivy", "Invited", withPassword: false),
            await data.MemberAsync(account, AccountRole.CallAgent), other, await data.MemberAsync(other, AccountRole.Owner), both);
    });

    private static string UserUrl(World w) => $"/accounts/{w.Account.Id}/users/{w.Invited.Id}";

    private Task<int> InvitationsSentAsync(World w) =>
        fixture.WithDataAsync(data => data.Db.OutboxMessages.CountAsync(m => m.To == w.Invited.Email && m.Subject.Contains(" invited you to ")));

    [Fact]
    public async Task AnInvitedUsersPage_SaysWhetherTheInvitationWasSent_AndResendingSendsANewOne_ShownInManageUsers()
    {
        var w = await WorldAsync();
        using var owner = await fixture.SignedInAsync(w.Owner);

        var before = await owner.GetDocumentAsync(UserUrl(w));
        using var resent = await owner.PostFormAsync(UserUrl(w), new Dictionary<string, string>(), "form[action$='handler=Resend']");
        var after = await owner.GetDocumentAsync(resent.Headers.Location!.OriginalString);
        var list = await owner.GetDocumentAsync($"/accounts/{w.Account.Id}/users?q=Invited");

        Assert.Equal("unsent", before.QuerySelector("#invitation-state")!.GetAttribute("data-invitation"));
        Assert.Equal("Send invitation", before.QuerySelector("#resend-invitation")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Contains($"A new invitation to {w.Account.Name} is on its way to {w.Invited.FirstName} {w.Invited.LastName}", after.QuerySelector("#status-message")!.TextContent);
        Assert.Equal("pending", after.QuerySelector("#invitation-state")!.GetAttribute("data-invitation"));
        Assert.Contains($"works until {DateTime.UtcNow.AddDays(7):d MMM yyyy}", after.QuerySelector("#invitation-state")!.TextContent);
        Assert.Equal("Resend invitation", after.QuerySelector("#resend-invitation")!.TextContent.Trim());
        Assert.Equal("pending", list.QuerySelector($"tr[data-user-id='{w.Invited.Id}'] [data-invitation]")!.GetAttribute("data-invitation"));
        Assert.Equal(1, await InvitationsSentAsync(w));
    }

    [Fact]
    public async Task AnExpiredInvitation_SaysSo_AndCanBeSentAgain()
    {
        var w = await WorldAsync();
        await fixture.WithDataAsync(data => data.Db.Users.Where(u => u.Id == w.Invited.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.InvitationSentAt, DateTime.UtcNow.AddDays(-8))));
        using var owner = await fixture.SignedInAsync(w.Owner);

        var page = await owner.GetDocumentAsync(UserUrl(w));
        var list = await owner.GetDocumentAsync($"/accounts/{w.Account.Id}/users?q=Invited");
        using var resent = await owner.PostFormAsync(UserUrl(w), new Dictionary<string, string>(), "form[action$='handler=Resend']");

        Assert.Equal("expired", page.QuerySelector("#invitation-state")!.GetAttribute("data-invitation"));
        Assert.Contains("expired", page.QuerySelector("#invitation-state")!.TextContent);
        Assert.Contains("expired", list.QuerySelector($"tr[data-user-id='{w.Invited.Id}'] [data-invitation]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal(1, await InvitationsSentAsync(w));
    }

    [Fact]
    public async Task Revoking_AsksFirst_ThenTheUserLeavesManageUsers()
    {
        var w = await WorldAsync();
        using var owner = await fixture.SignedInAsync(w.Owner);

        var user = await owner.GetDocumentAsync(UserUrl(w));
        var confirm = await owner.GetDocumentAsync(user.QuerySelector<IHtmlAnchorElement>("#revoke-invitation")!.GetAttribute("href")!);
        using var revoked = await owner.PostFormAsync($"{UserUrl(w)}/invitation", new Dictionary<string, string>());
        var list = await owner.GetDocumentAsync(revoked.Headers.Location!.OriginalString);

        Assert.Equal("Revoke Ivy Invited’s invitation?", confirm.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("invitation was revoked", list.QuerySelector("#status-message")!.TextContent);
        Assert.Null(list.QuerySelector($"tr[data-user-id='{w.Invited.Id}']"));
        Assert.False(await fixture.WithDataAsync(data => data.Db.Memberships.AnyAsync(m => m.UserId == w.Invited.Id && m.EndedAt == null)));
    }

    [Fact]
    public async Task ResendAndRevoke_AreRefused_WithoutManageUsers_FromAnotherAccount_AndToAnAdministratorElsewhere()
    {
        var w = await WorldAsync();
        using var agent = await fixture.SignedInAsync(w.Agent);
        using var foreign = await fixture.SignedInAsync(w.OtherOwner);
        using var both = await fixture.SignedInAsync(w.Both);

        foreach (var browser in new[] { agent, foreign, both })
        {
            using var page = await browser.GetAsync($"{UserUrl(w)}/invitation");
            using var resend = await browser.PostWithTokenAsync($"{UserUrl(w)}/invitation?handler=Resend", new Dictionary<string, string>());
            using var revoke = await browser.PostWithTokenAsync($"{UserUrl(w)}/invitation?handler=Revoke", new Dictionary<string, string>());
            using var elsewhere = await browser.PostWithTokenAsync($"/accounts/{w.Other.Id}/users/{w.Invited.Id}/invitation?handler=Resend", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, resend.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
            Assert.Contains(elsewhere.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        }

        Assert.Equal(0, await InvitationsSentAsync(w));
        Assert.True(await fixture.WithDataAsync(data => data.Db.Memberships.AnyAsync(m => m.UserId == w.Invited.Id && m.AccountId == w.Account.Id && m.EndedAt == null)));
    }

    [Fact]
    public async Task AUserWhoSetAPassword_HasNoInvitationButtons_AndAPostIsRefusedWithAMessage()
    {
        var w = await WorldAsync();
        using var owner = await fixture.SignedInAsync(w.Owner);

        var page = await owner.GetDocumentAsync($"/accounts/{w.Account.Id}/users/{w.Agent.Id}");
        using var resend = await owner.PostWithTokenAsync($"/accounts/{w.Account.Id}/users/{w.Agent.Id}/invitation?handler=Resend", new Dictionary<string, string>());
        var after = await owner.GetDocumentAsync(resend.Headers.Location!.OriginalString);

        Assert.Null(page.QuerySelector("#invitation-state"));
        Assert.Null(page.QuerySelector("#resend-invitation"));
        Assert.Contains("has set a password already", after.QuerySelector("#status-message")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InvitationSqliteTests(SqlitePortal fixture) : InvitationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class InvitationPostgresTests(PostgresPortal fixture) : InvitationTests(fixture);
