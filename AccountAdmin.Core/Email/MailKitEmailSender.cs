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
/// from its outbox id, so a receiver can recognise a repeat. A kept connection that waited is checked (NOOP) before a
/// message goes over it, and opened again when the server has closed it; a refusal for good (5xx) of the recipient or the message is
/// <see cref="UndeliverableEmailException"/>, anything else an error the outbox retries.
/// </summary>
public sealed class MailKitEmailSender(EmailOptions options) : IEmailSender, IAsyncDisposable
{
    // A connection that waited longer than this is asked with NOOP whether the server still holds it, before a message
    // goes over it: once a message is on its way, a failure is the outbox's to retry (the server may have taken it).
    private const long CheckAfterIdleMs = 1_000;

    private readonly ConcurrentBag<(SmtpClient Client, long IdleSince)> idle = [];
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

        var client = await TakeAsync(cancellationToken);
        try
        {
            await client.SendAsync(mime, cancellationToken);
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
        while (idle.TryTake(out var kept))
        {
            var client = kept.Client;
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

    /// <summary>A kept connection the server still holds (a NOOP says so after a wait), or a new one.</summary>
    private async Task<SmtpClient> TakeAsync(CancellationToken cancellationToken)
    {
        while (idle.TryTake(out var kept))
        {
            var client = kept.Client;
            try
            {
                if (client.IsConnected && Environment.TickCount64 - kept.IdleSince <= CheckAfterIdleMs)
                {
                    return client;
                }

                if (client.IsConnected)
                {
                    await client.NoOpAsync(cancellationToken);
                    return client;
                }
            }
            catch (Exception e) when (IsDropped(e) || e is SmtpCommandException)
            {
                // The server closed it meanwhile (an idle timeout, a restart): nothing was sent over it.
            }

            client.Dispose();
        }

        return await ConnectAsync(cancellationToken);
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.EffectiveSmtpSecurity, cancellationToken);
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
            idle.Add((client, Environment.TickCount64));
        }
        else
        {
            client?.Dispose();
        }
    }

    private static bool IsDropped(Exception e) =>
        e is ServiceNotConnectedException or SmtpProtocolException or IOException or SocketException;
}
