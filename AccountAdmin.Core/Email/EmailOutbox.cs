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
        var message = new OutboxMessage(to, subject, textBody, htmlBody, clock.GetUtcNow().UtcDateTime);
        db.OutboxMessages.Add(message);
        return message;
    }
}
