using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Support;

public abstract class SupportConsoleTests(PortalFixture fixture)
{
    [Fact]
    public async Task UndeliverableEmail_IsListedForSupportStaff_AndNobodyElse()
    {
        var (support, owner, messageId) = await fixture.WithDataAsync(async data =>
        {
            var support = await data.UserAsync("support", "Sam", "Support");
            await data.SupportStaffAsync(support);
            var account = await data.AccountAsync();
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            var bounced = await data.MemberAsync(account, AccountRole.CallAgent, "Bo", "Bounce");
            var message = new OutboxMessage(bounced.Email!, "Set your password", "Text", "<p>Html</p>", DateTime.UtcNow);
            message.MarkUndeliverable("The mail server refused it: 550 no such mailbox", DateTime.UtcNow);
            data.Db.OutboxMessages.Add(message);
            await data.Db.SaveChangesAsync();
            return (support, owner, message.Id);
        });
        using var asSupport = await fixture.SignedInAsync(support);
        using var asOwner = await fixture.SignedInAsync(owner);

        var console = await asSupport.GetDocumentAsync("/support");

        var row = console.QuerySelector($"#undeliverable tr[data-message-id='{messageId}']")!;
        Assert.Contains("Bo Bounce", row.TextContent);
        Assert.Contains("Set your password", row.TextContent);
        Assert.Contains("550 no such mailbox", row.TextContent);
        await asOwner.GetDocumentAsync("/support", HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SupportConsoleSqliteTests(SqlitePortal fixture) : SupportConsoleTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SupportConsolePostgresTests(PostgresPortal fixture) : SupportConsoleTests(fixture);
