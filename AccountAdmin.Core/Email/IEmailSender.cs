using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Email;

/// <summary>Hands one message to the mail system; throws when it was not accepted.</summary>
public interface IEmailSender
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
