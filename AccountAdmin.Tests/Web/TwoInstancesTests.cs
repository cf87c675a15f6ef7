using System.Net;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web;

/// <summary>
/// Two portal instances on one PostgreSQL, as behind a load balancer: one browser's requests go to either, and what one
/// instance did holds on the other at the next request. Both run the outbox; every e-mail goes out once.
/// </summary>
public sealed class TwoInstancesTests
{
    /// <summary>A browser whose cookies go with it to whichever instance it asks.</summary>
    private static Browser On(PortalFactory instance, CookieContainer cookies) =>
        new(instance.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));

    [Fact]
    public async Task ASignIn_ASuspension_AndALogInAs_MadeOnOneInstance_HoldOnTheOther()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var first = new PortalFactory(database);
        await using var second = new PortalFactory(database);
        var (account, owner, agent, other) = await WithDataAsync(first, async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent),
                await data.MemberAsync(account, AccountRole.CallAgent, "Otto", "Other"));
        });
        var agentCookies = new CookieContainer();
        var ownerCookies = new CookieContainer();

        using (var agentOnFirst = On(first, agentCookies))
        {
            await agentOnFirst.SignInAsync(agent.Email!);
        }

        using var agentOnSecond = On(second, agentCookies);
        await agentOnSecond.GetDocumentAsync($"/accounts/{account.Id}");
        await using (var scope = second.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IUserAdministration>().SuspendAsync(owner.Id, account.Id, agent.Id)).Succeeded);
        }

        using var agentOnFirstAgain = On(first, agentCookies);
        await agentOnFirstAgain.GetDocumentAsync($"/accounts/{account.Id}", HttpStatusCode.Forbidden);

        using (var ownerOnSecond = On(second, ownerCookies))
        {
            await ownerOnSecond.SignInAsync(owner.Email!);
            using var started = await ownerOnSecond.PostFormAsync(
                $"/impersonation/start?accountId={account.Id}&userId={other.Id}", new Dictionary<string, string> { ["Reason"] = "" }, "#impersonation-form");
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        using var ownerOnFirst = On(first, ownerCookies);
        var home = await ownerOnFirst.GetDocumentAsync("/");
        Assert.Contains("Otto Other", home.QuerySelector("#impersonation-banner")!.TextContent);
    }

    [Fact]
    public async Task BothInstancesRunTheOutbox_AndEveryEmailReachesTheSmtpServerOnce()
    {
        await using var mail = await MailDevServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var settings = new Dictionary<string, string>
        {
            ["Email:DeliverInBackground"] = "true", ["Email:SmtpHost"] = "127.0.0.1", ["Email:SmtpPort"] = $"{mail.SmtpPort}", ["Email:Parallelism"] = "4",
        };
        await using var first = new PortalFactory(database, settings);
        await using var second = new PortalFactory(database, settings);
        var tag = TestData.Unique("once");
        var recipients = Enumerable.Range(0, 60).Select(i => $"{tag}-{i}@test.example").ToList();
        await WithDataAsync(first, async data =>
        {
            var outbox = new EmailOutbox(data.Db, TimeProvider.System);
            foreach (var to in recipients)
            {
                outbox.Enqueue(to, $"Once {to}", "Text", "<p>Html</p>");
            }

            await data.Db.SaveChangesAsync();
            return 0;
        });
        _ = second.Server;

        var received = new List<ReceivedEmail>();
        for (var tries = 0; tries < 100 && received.Count < recipients.Count; tries++)
        {
            await Task.Delay(200);
            received = (await mail.AllAsync()).Where(m => m.Subject.StartsWith($"Once {tag}", StringComparison.Ordinal)).ToList();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        received = (await mail.AllAsync()).Where(m => m.Subject.StartsWith($"Once {tag}", StringComparison.Ordinal)).ToList();
        Assert.Equal(recipients.Order(), received.SelectMany(m => m.To).Order());
    }

    private static async Task<T> WithDataAsync<T>(PortalFactory instance, Func<TestData, Task<T>> build)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await build(new TestData(scope.ServiceProvider));
    }
}
