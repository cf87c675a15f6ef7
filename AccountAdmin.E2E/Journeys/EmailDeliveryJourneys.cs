using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;

namespace AccountAdmin.E2E.Journeys;

public abstract class EmailDeliveryJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task QueuedEmail_ReachesTheSmtpServer_ThroughTheRunningPortal()
    {
        var to = $"outbox-{Guid.NewGuid():N}@test.example";
        await using (var db = portal.Server.NewContext())
        {
            db.OutboxMessages.Add(new OutboxMessage(to, "Delivery check", "Plain body", "<p>Html body</p>", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var message = Assert.Single(await portal.Mail.WaitForAsync(to));

        Assert.Equal("Delivery check", message.Subject);
        Assert.Contains("Plain body", message.Text);
        Assert.Contains("<p>Html body</p>", message.Html);
        await using var check = portal.Server.NewContext();
        Assert.NotNull(check.OutboxMessages.Single(m => m.To == to).SentAt);
    }
}
