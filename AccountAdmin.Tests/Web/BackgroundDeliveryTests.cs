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
        await fixture.WithDataAsync(async data =>
            Assert.NotNull((await data.Db.OutboxMessages.SingleAsync(m => m.To == email)).SentAt));
    }
}
