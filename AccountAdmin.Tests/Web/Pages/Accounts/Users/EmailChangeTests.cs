using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

/// <summary>A change of e-mail waiting for the new address: shown with its link's expiry, its link sent again, or cancelled.</summary>
public abstract class EmailChangeTests(PortalFixture fixture)
{
    private sealed record World(Account Account, AppUser Owner, AppUser Agent, string NewEmail, AppUser Admin, AppUser OtherOwner, AppUser Both);

    private Task<World> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var account = await data.AccountAsync();
        var other = await data.AccountAsync();
        var owner = await data.MemberAsync(account, AccountRole.Owner);
        var agent = await data.MemberAsync(account, AccountRole.CallAgent, "Cora", "Changing");
        var both = await data.MemberAsync(other, AccountRole.Administrator);
        await data.GrantAsync(account, both, AccountRole.CallAgent);
        var newEmail = $"{TestData.Unique("cora")}@new.example";
        var tracked = await data.Db.Users.SingleAsync(u => u.Id == agent.Id);
        await data.Services.GetRequiredService<IEmailChanges>().RequestAsync(owner.Id, tracked, newEmail);
        await data.Db.SaveChangesAsync();
        return new World(account, owner, agent, newEmail, await data.MemberAsync(account, AccountRole.Administrator), await data.MemberAsync(other, AccountRole.Owner), both);
    });

    private static string UserUrl(World w) => $"/accounts/{w.Account.Id}/users/{w.Agent.Id}";

    private Task<List<string>> TokensSentToAsync(string email) => fixture.WithDataAsync(async data =>
        (await data.Db.OutboxMessages.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync())
        .Select(body => TestData.TokenIn(body, "/confirm-email/")).ToList());

    private Task<string?> PendingAsync(World w) =>
        fixture.WithDataAsync(data => data.Db.Users.Where(u => u.Id == w.Agent.Id).Select(u => u.PendingEmail).SingleAsync());

    private Task AskedAgoAsync(World w, TimeSpan ago) => fixture.WithDataAsync(data => data.Db.Users.Where(u => u.Id == w.Agent.Id)
        .ExecuteUpdateAsync(u => u.SetProperty(x => x.PendingEmailAt, DateTime.UtcNow - ago)));

    [Fact]
    public async Task TheUserPage_ShowsTheWaitingChange_UntilWhenItsLinkWorks_AndSendsItAgainOnceAFewMinutesHavePassed()
    {
        var w = await WorldAsync();
        using var owner = await fixture.SignedInAsync(w.Owner);

        var page = await owner.GetDocumentAsync(UserUrl(w));
        using var tooSoon = await owner.PostFormAsync(UserUrl(w), new Dictionary<string, string>(), "form[action$='email-change?handler=Resend']");
        var refused = await owner.GetDocumentAsync(tooSoon.Headers.Location!.OriginalString);
        await AskedAgoAsync(w, TimeSpan.FromMinutes(6));
        using var resent = await owner.PostFormAsync(UserUrl(w), new Dictionary<string, string>(), "form[action$='email-change?handler=Resend']");
        var after = await owner.GetDocumentAsync(resent.Headers.Location!.OriginalString);

        var state = page.QuerySelector("#pending-email-state")!;
        Assert.Equal("pending", state.GetAttribute("data-pending-email"));
        Assert.Contains($"A change of e-mail to {w.NewEmail} waits for that address to confirm it", state.TextContent);
        Assert.Contains($"works until {DateTime.UtcNow.AddDays(7):d MMM yyyy}", state.TextContent);
        Assert.Contains("less than 5 minutes ago", refused.QuerySelector("#status-message")!.TextContent);
        Assert.Contains($"The link to confirm {w.NewEmail} was sent there again.", after.QuerySelector("#status-message")!.TextContent);
        var links = await TokensSentToAsync(w.NewEmail);
        Assert.Equal(2, links.Count);
        var token = links[1];
        Assert.NotNull(await fixture.WithDataAsync(data => data.Services.GetRequiredService<IEmailChanges>().FindAsync(token)));
        Assert.Single(await fixture.WithDataAsync(data => data.Db.AuditEvents.Where(e => e.Action == AuditActions.EmailChangeResent && e.TargetUserId == w.Agent.Id).ToListAsync()));
    }

    [Fact]
    public async Task AnExpiredLink_SaysSo_AndCancellingKeepsTheOldAddress_AndKillsTheLink()
    {
        var w = await WorldAsync();
        var token = (await TokensSentToAsync(w.NewEmail)).Single();
        await AskedAgoAsync(w, TimeSpan.FromDays(8));
        using var owner = await fixture.SignedInAsync(w.Owner);

        var page = await owner.GetDocumentAsync(UserUrl(w));
        using var cancelled = await owner.PostFormAsync(UserUrl(w), new Dictionary<string, string>(), "form[action$='email-change?handler=Cancel']");
        var after = await owner.GetDocumentAsync(cancelled.Headers.Location!.OriginalString);
        using var again = await owner.PostWithTokenAsync($"{UserUrl(w)}/email-change?handler=Cancel", new Dictionary<string, string>());
        var twice = await owner.GetDocumentAsync(again.Headers.Location!.OriginalString);

        Assert.Equal("expired", page.QuerySelector("#pending-email-state")!.GetAttribute("data-pending-email"));
        Assert.Contains("the link sent there expired", page.QuerySelector("#pending-email-state")!.TextContent);
        Assert.Contains($"was cancelled: they keep {w.Agent.Email}", after.QuerySelector("#status-message")!.TextContent);
        Assert.Null(after.QuerySelector("#pending-email-state"));
        Assert.Null(await PendingAsync(w));
        Assert.Null(await fixture.WithDataAsync(data => data.Services.GetRequiredService<IEmailChanges>().FindAsync(token)));
        Assert.Contains("No change of e-mail address is waiting", twice.QuerySelector("#status-message")!.TextContent);
        Assert.Single(await fixture.WithDataAsync(data => data.Db.AuditEvents.Where(e => e.Action == AuditActions.EmailChangeCancelled && e.TargetUserId == w.Agent.Id).ToListAsync()));
    }

    [Fact]
    public async Task WithoutManageUsers_FromAnotherAccount_OrWithManageUsersOnlyElsewhere_NothingChanges()
    {
        var w = await WorldAsync();
        await AskedAgoAsync(w, TimeSpan.FromMinutes(6));
        using var agent = await fixture.SignedInAsync(w.Agent);
        using var foreign = await fixture.SignedInAsync(w.OtherOwner);
        using var both = await fixture.SignedInAsync(w.Both);

        foreach (var browser in new[] { foreign, both })
        {
            foreach (var handler in new[] { "Resend", "Cancel" })
            {
                using var response = await browser.PostWithTokenAsync($"{UserUrl(w)}/email-change?handler={handler}", new Dictionary<string, string>());
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }

        using var own = await agent.PostWithTokenAsync($"{UserUrl(w)}/email-change?handler=Cancel", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(w.NewEmail, await PendingAsync(w));
        Assert.Single(await TokensSentToAsync(w.NewEmail));
    }

    [Fact]
    public async Task AnAdministrator_CannotCancelTheOwnersChange()
    {
        var w = await WorldAsync();
        await fixture.WithDataAsync(async data =>
        {
            var owner = await data.Db.Users.SingleAsync(u => u.Id == w.Owner.Id);
            await data.Services.GetRequiredService<IEmailChanges>().RequestAsync(w.Owner.Id, owner, $"{TestData.Unique("olga")}@new.example");
            return await data.Db.SaveChangesAsync();
        });
        using var admin = await fixture.SignedInAsync(w.Admin);

        var page = await admin.GetDocumentAsync($"/accounts/{w.Account.Id}/users/{w.Owner.Id}");
        using var cancel = await admin.PostWithTokenAsync($"/accounts/{w.Account.Id}/users/{w.Owner.Id}/email-change?handler=Cancel", new Dictionary<string, string>());

        var after = await admin.GetDocumentAsync(cancel.Headers.Location!.OriginalString);

        Assert.NotNull(page.QuerySelector("#pending-email-state"));
        Assert.Null(page.QuerySelector("#cancel-email-change"));
        Assert.Contains("can do more in this account than you can", after.QuerySelector("#status-message")!.TextContent);
        Assert.NotNull(await fixture.WithDataAsync(data => data.Db.Users.Where(u => u.Id == w.Owner.Id).Select(u => u.PendingEmail).SingleAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EmailChangeSqliteTests(SqlitePortal fixture) : EmailChangeTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class EmailChangePostgresTests(PostgresPortal fixture) : EmailChangeTests(fixture);
