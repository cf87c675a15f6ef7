namespace AccountAdmin.Core.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The portal's address for links in messages; read from Portal:PublicUrl.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>The sender of every message.</summary>
    public string From { get; set; } = "AccountAdmin <no-reply@accountadmin.test>";

    /// <summary>Drop messages as .eml files here instead of sending them (Development); SMTP when empty.</summary>
    public string? PickupDirectory { get; set; }

    public string SmtpHost { get; set; } = "localhost";
    public int SmtpPort { get; set; } = 25;
    public bool SmtpEnableSsl { get; set; }
    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>How often the worker looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a worker holds a message it is sending before another may try it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 50;

    /// <summary>Messages sent at once by one worker.</summary>
    public int Parallelism { get; set; } = 16;
}
