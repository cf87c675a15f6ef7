namespace AccountAdmin.Core.Model;

/// <summary>An e-mail waiting to be sent, written in the transaction of the change that caused it.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(string to, string subject, string textBody, string htmlBody, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        To = to;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>When the message was given up on: the server refused its address for good. Support staff see it.</summary>
    public DateTime? FailedAt { get; private set; }

    /// <summary>The address can never receive it: no more attempts.</summary>
    public void MarkUndeliverable(string error, DateTime at)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        FailedAt = at;
    }

    public void MarkFailed(string error, DateTime at)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        var backoff = TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Min(Attempts, 10))));
        NextAttemptAt = at + backoff;
    }
}
