using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

/// <summary>
/// What a request costs the database, counted by an EF interceptor: the actor's access is read once a request, however
/// many guards ask, and a page of the list costs the same whatever the account's size.
/// </summary>
public abstract class QueryCountTests(PortalFixture fixture)
{
    private async Task<(Account Account, Browser Owner, AppUser Agent)> AccountAsync(int extraAgents)
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            var agent = await data.MemberAsync(account, AccountRole.CallAgent, "Quinn", "Query");
            for (var i = 0; i < extraAgents; i++)
            {
                await data.MemberAsync(account, AccountRole.CallAgent, withPassword: false);
            }

            return (account, owner, agent);
        });
        return (account, await fixture.SignedInAsync(owner), agent);
    }

    [Fact]
    public async Task ASuspendClick_ReadsTheActorsAccessOnce_AndCostsAFixedNumberOfCommands()
    {
        var (account, owner, _) = await AccountAsync(0);
        using var browser = owner;
        var page = await browser.GetDocumentAsync($"/accounts/{account.Id}/users");
        var confirmUrl = page.QuerySelector("a[aria-label='Suspend Quinn Query']")!.GetAttribute("href")!;
        var form = (IHtmlFormElement)(await browser.GetDocumentAsync(confirmUrl)).QuerySelector("main form")!;
        form.SetAttribute("action", confirmUrl);

        var (response, commands) = await CommandCounter.CountRequestsAsync(browser, () => browser.SubmitAsync(form, new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response.Dispose();

        // The session check, the actor's access (once, for the page and Core's guards), the member, the two people side by
        // side in the account (three reads, whoever holds what), the actor's name for the e-mail, and the transaction's
        // writes: the membership, the audit event and the e-mail (batched on PostgreSQL). Reading the actor's access once
        // more would add one.
        Assert.InRange(commands, 1, fixture.Provider == AccountAdmin.Core.Data.DatabaseProvider.Sqlite ? 11 : 9);
    }

    [Fact]
    public async Task ManageUsers_CostsTheSameCommands_ForTwoMembersAsForForty()
    {
        var (small, smallOwner, _) = await AccountAsync(0);
        var (large, largeOwner, _) = await AccountAsync(38);
        using var first = smallOwner;
        using var second = largeOwner;
        await first.GetDocumentAsync($"/accounts/{small.Id}/users");
        await second.GetDocumentAsync($"/accounts/{large.Id}/users");

        var (_, few) = await CommandCounter.CountRequestsAsync(first, () => first.GetDocumentAsync($"/accounts/{small.Id}/users"));
        var (_, many) = await CommandCounter.CountRequestsAsync(second, () => second.GetDocumentAsync($"/accounts/{large.Id}/users"));

        Assert.Equal(few, many);
        Assert.InRange(many, 1, 2);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class QueryCountSqliteTests(SqlitePortal fixture) : QueryCountTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class QueryCountPostgresTests(PostgresPortal fixture) : QueryCountTests(fixture);
