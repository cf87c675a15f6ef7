using System.Diagnostics;
using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web;

/// <summary>
/// The one HTTP test with the real outbox worker running: everywhere else <c>Email:DeliverInBackground</c> is off and the
/// tests deliver by hand, so this is what proves the switch's production side, the worker, sends what a page queued.
/// </summary>
public sealed class BackgroundDeliveryTests(BackgroundDeliveryPortal fixture) : IClassFixture<BackgroundDeliveryPortal>
{
    [Fact]
    public async Task NewUser_TheInvitation_ReachesTheSmtpServer_ThroughTheBackgroundWorker()
    {
        var (account, owner) = await fixture.WithDataAsync(async data =>
        {
            var a = await data.AccountAsync();
            return (a, await data.MemberAsync(a, AccountRole.Owner));
        });
        using var browser = await fixture.SignedInAsync(owner);
        var email = $"{TestData.Unique("invitee")}@test.example";

        using var response = await browser.PostFormAsync($"/accounts/{account.Id}/users/new", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.FirstName"] = "Ines",
            ["Input.LastName"] = "Invited",
            ["Input.Role"] = "CallAgent",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var invitation = Assert.Single(await fixture.Mail.WaitForAsync(email));
        Assert.Equal($"{owner.DisplayName} invited you to {account.Name}", invitation.Subject);
        Assert.Contains("/invitation/", invitation.Text);
        // The worker marks the message sent once the server has taken it, a moment after it arrives there.
        DateTime? sentAt = null;
        for (var wait = Stopwatch.StartNew(); sentAt is null && wait.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(100))
        {
            sentAt = await fixture.WithDataAsync(async data => (await data.Db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email)).SentAt);
        }

        Assert.NotNull(sentAt);
    }
}
