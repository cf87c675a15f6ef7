using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Email;

/// <summary>
/// Queues e-mail in the unit of work of the change that causes it: saved with the change, or not at all.
/// The <see cref="OutboxDispatcher"/> delivers it later.
/// </summary>
public sealed class EmailOutbox(AccountAdminDbContext db, TimeProvider clock)
{
    public OutboxMessage Enqueue(string to, string subject, string textBody, string htmlBody)
    {
        var message = Compose(to, subject, textBody, htmlBody);
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>A message for <see cref="EnqueueAllAsync"/>: one of many queued together.</summary>
    public OutboxMessage Compose(string to, string subject, string textBody, string htmlBody) =>
        new(to, subject, textBody, htmlBody, clock.GetUtcNow().UtcDateTime);

    /// <summary>Queues many messages with one statement, in the current transaction.</summary>
    public Task EnqueueAllAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken) =>
        db.InsertAsync(messages, cancellationToken);
}
