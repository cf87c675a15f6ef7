using System.Collections.Concurrent;
using System.Net.Sockets;
using AccountAdmin.Core.Model;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace AccountAdmin.Core.Email;

/// <summary>
/// Sends through MailKit, over SMTP connections kept open from one message to the next (as many as messages are sent
/// at once), or into a pickup folder as .eml files. Each message has a plain-text and an HTML part and a Message-ID made
/// from its outbox id, so a receiver can recognise a repeat. A kept connection the server has closed meanwhile is
/// opened again and the message sent over it; a refusal for good (5xx) of the recipient or the message is
/// <see cref="UndeliverableEmailException"/>, anything else an error the outbox retries.
/// </summary>
public sealed class MailKitEmailSender(EmailOptions options) : IEmailSender, IAsyncDisposable
{
    private readonly ConcurrentBag<SmtpClient> idle = [];
    private readonly MailboxAddress from = MailboxAddress.Parse(options.From);

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var mime = Compose(message);
        if (options.PickupDirectory is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await mime.WriteToAsync(Path.Combine(folder, $"{message.Id:N}.eml"), cancellationToken);
            return;
        }

        var kept = idle.TryTake(out var client);
        try
        {
            if (!kept || !client!.IsConnected)
            {
                client?.Dispose();
                client = await ConnectAsync(cancellationToken);
                kept = false;
            }

            try
            {
                await client.SendAsync(mime, cancellationToken);
            }
            catch (Exception e) when (kept && IsDropped(e))
            {
                // The server closed the kept connection (an idle timeout, a restart): it took nothing, so once more anew.
                client.Dispose();
                client = await ConnectAsync(cancellationToken);
                await client.SendAsync(mime, cancellationToken);
            }
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500
                                             && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            Return(client);
            throw new UndeliverableEmailException($"The mail server refused “{message.To}”: {(int)e.StatusCode} {e.Message}", e);
        }
        catch
        {
            client?.Dispose();
            throw;
        }

        Return(client);
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var client))
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (IsDropped(e))
            {
            }

            client.Dispose();
        }
    }

    private MimeMessage Compose(OutboxMessage message)
    {
        var to = EmailAddresses.Parse(message.To)
            ?? throw new UndeliverableEmailException($"“{message.To}” is not an address this sender can send to.");
        var mime = new MimeMessage
        {
            MessageId = $"{message.Id:N}@accountadmin",
            Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc)),
            Subject = message.Subject,
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
        };
        mime.From.Add(from);
        mime.To.Add(to);
        return mime;
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpSecurity, cancellationToken);
            if (options.SmtpUserName is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, options.SmtpPassword ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Keeps a connection for the next message, unless it was refused or dropped meanwhile.</summary>
    private void Return(SmtpClient? client)
    {
        if (client is { IsConnected: true })
        {
            idle.Add(client);
        }
        else
        {
            client?.Dispose();
        }
    }

    private static bool IsDropped(Exception e) =>
        e is ServiceNotConnectedException or SmtpProtocolException or IOException or SocketException;
}
