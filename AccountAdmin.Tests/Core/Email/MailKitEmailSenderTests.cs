using System.Net;
using System.Net.Sockets;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;

namespace AccountAdmin.Tests.Core.Email;

/// <summary>maildev for the sender's tests, started once for them all.</summary>
public sealed class MailDevFixture : IAsyncLifetime
{
    public MailDevServer Mail { get; private set; } = null!;

    public async Task InitializeAsync() => Mail = await MailDevServer.StartAsync();

    public async Task DisposeAsync() => await Mail.DisposeAsync();
}

/// <summary>The MailKit sender against a real SMTP server (maildev), and against one that refuses.</summary>
public sealed class MailKitEmailSenderTests(MailDevFixture fixture) : IClassFixture<MailDevFixture>
{
    private static EmailOptions Options(int port) => new()
    {
        SmtpHost = "127.0.0.1", SmtpPort = port, SmtpSecurity = MailKit.Security.SecureSocketOptions.None,
        From = "AccountAdmin Ünïcode <no-reply@accountadmin.test>",
    };

    private static string Unique() => $"to-{Guid.NewGuid():N}@example.test";

    private static OutboxMessage Message(string to, string subject = "Hello") => new(to, subject, $"Plain {subject}", $"<p>Rich {subject}</p>", DateTime.UtcNow);

    [Fact]
    public async Task AMessage_ArrivesWithItsPlainAndHtmlParts_UnicodeNames_AndItsMessageId()
    {
        await using var sender = new MailKitEmailSender(Options(fixture.Mail.SmtpPort));
        var to = Unique();
        var message = new OutboxMessage(to, "Willkommen, Zoë Müller — 你好", "Hallo Zoë,\n\nSchön, dass du da bist.", "<p>Hallo <b>Zoë</b></p>", DateTime.UtcNow);

        await sender.SendAsync(message, CancellationToken.None);

        var received = Assert.Single(await fixture.Mail.WaitForAsync(to));
        Assert.Equal("Willkommen, Zoë Müller — 你好", received.Subject);
        Assert.Contains("Schön, dass du da bist.", received.Text);
        Assert.Contains("<b>Zoë</b>", received.Html);
        Assert.Equal($"{message.Id:N}@accountadmin", received.MessageId.Trim('<', '>'));
        Assert.Equal("AccountAdmin Ünïcode <no-reply@accountadmin.test>", received.From);
    }

    [Fact]
    public async Task ManyMessages_GoOverOneKeptConnection()
    {
        await using var relay = new TcpRelay(fixture.Mail.SmtpPort);
        await using var sender = new MailKitEmailSender(Options(relay.Port));
        var to = Unique();

        for (var i = 0; i < 60; i++)
        {
            await sender.SendAsync(Message(to, $"Number {i}"), CancellationToken.None);
        }

        Assert.Equal(1, relay.Connections);
        Assert.Equal(60, (await WaitForCountAsync(to, 60)).Select(m => m.Subject).Distinct().Count());
    }

    [Fact]
    public async Task AServerThatClosedTheKeptConnections_IsConnectedToAgain_AndNothingIsLostOrSentTwice()
    {
        await using var relay = new TcpRelay(fixture.Mail.SmtpPort);
        await using var sender = new MailKitEmailSender(Options(relay.Port));
        var to = Unique();

        for (var i = 0; i < 10; i++)
        {
            await sender.SendAsync(Message(to, $"Before {i}"), CancellationToken.None);
        }

        relay.DropAll();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        for (var i = 0; i < 10; i++)
        {
            await sender.SendAsync(Message(to, $"After {i}"), CancellationToken.None);
        }

        var received = await WaitForCountAsync(to, 20);
        Assert.Equal(20, received.Count);
        Assert.Equal(20, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(2, relay.Connections);
    }

    [Fact]
    public async Task ARecipientRefusedForGood_IsUndeliverable_ButATemporaryRefusal_OrNoServer_IsAnErrorToRetry()
    {
        await using var permanent = new RefusingSmtpServer("550 5.1.1 No such mailbox");
        await using var temporary = new RefusingSmtpServer("451 4.3.0 Try again later");
        await using var toPermanent = new MailKitEmailSender(Options(permanent.Port));
        await using var toTemporary = new MailKitEmailSender(Options(temporary.Port));
        await using var toNobody = new MailKitEmailSender(Options(ClosedPort()));

        var refused = await Assert.ThrowsAsync<UndeliverableEmailException>(() => toPermanent.SendAsync(Message(Unique()), CancellationToken.None));
        var later = await Record.ExceptionAsync(() => toTemporary.SendAsync(Message(Unique()), CancellationToken.None));
        var down = await Record.ExceptionAsync(() => toNobody.SendAsync(Message(Unique()), CancellationToken.None));

        Assert.Contains("550", refused.Message);
        Assert.NotNull(later);
        Assert.IsNotType<UndeliverableEmailException>(later);
        Assert.NotNull(down);
        Assert.IsNotType<UndeliverableEmailException>(down);
    }

    private async Task<IReadOnlyList<ReceivedEmail>> WaitForCountAsync(string to, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var mine = await fixture.Mail.WaitForAsync(to);
            if (mine.Count >= count || DateTime.UtcNow > deadline)
            {
                return mine;
            }

            await Task.Delay(200);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
