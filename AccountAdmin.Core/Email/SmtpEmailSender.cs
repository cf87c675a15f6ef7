using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Email;

/// <summary>
/// Sends through System.Net.Mail (MailKit cannot be restored here; this class is the one to swap).
/// Each message carries a Message-ID made from its outbox id, so a receiver can recognise a repeat.
/// </summary>
public sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var mail = new MailMessage { From = new MailAddress(options.From), Subject = message.Subject };
        mail.To.Add(EmailAddresses.Parse(message.To) ?? throw new UndeliverableEmailException($"“{message.To}” is not an address this sender can send to."));
        mail.Headers.Add("Message-ID", $"<{message.Id:N}@accountadmin>");
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.TextBody, null, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, null, MediaTypeNames.Text.Html));

        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort) { EnableSsl = options.SmtpEnableSsl };
        if (options.PickupDirectory is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = Path.GetFullPath(folder);
        }
        else if (options.SmtpUserName is { Length: > 0 } user)
        {
            client.Credentials = new NetworkCredential(user, options.SmtpPassword);
        }

        try
        {
            await client.SendMailAsync(mail, cancellationToken);
        }
        catch (SmtpFailedRecipientException e) when (e.StatusCode is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.UserNotLocalTryAlternatePath
                                                        or SmtpStatusCode.MailboxNameNotAllowed)
        {
            throw new UndeliverableEmailException($"The mail server refused “{message.To}”: {e.Message}", e);
        }
    }
}
