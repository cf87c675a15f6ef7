using System.ComponentModel.DataAnnotations;

namespace AccountAdmin.Core.Email;

public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary>The sender of every message.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Email:From is required.")]
    public string From { get; set; } = "AccountAdmin <no-reply@accountadmin.test>";

    /// <summary>Drop messages as .eml files here instead of sending them (Development); SMTP when empty.</summary>
    public string? PickupDirectory { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "Email:SmtpHost is required.")]
    public string SmtpHost { get; set; } = "localhost";

    [Range(1, 65535, ErrorMessage = "Email:SmtpPort must be a port, 1 to 65535.")]
    public int SmtpPort { get; set; } = 25;

    /// <summary>
    /// TLS to the SMTP server: None, StartTls (required), SslOnConnect (port 465), or Auto (STARTTLS when the server
    /// offers it, TLS from the start on port 465).
    /// </summary>
    public MailKit.Security.SecureSocketOptions SmtpSecurity { get; set; } = MailKit.Security.SecureSocketOptions.Auto;

    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>
    /// <see cref="SmtpSecurity"/> as used: with a user name, Auto insists on TLS (from the start on port 465, else
    /// STARTTLS), so someone between us and the server can't strip STARTTLS and read the password.
    /// </summary>
    public MailKit.Security.SecureSocketOptions EffectiveSmtpSecurity =>
        SmtpSecurity == MailKit.Security.SecureSocketOptions.Auto && SmtpUserName is { Length: > 0 }
            ? SmtpPort == 465 ? MailKit.Security.SecureSocketOptions.SslOnConnect : MailKit.Security.SecureSocketOptions.StartTls
            : SmtpSecurity;

    /// <summary>How often the worker looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a worker holds a message it is sending before another may try it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 10_000, ErrorMessage = "Email:BatchSize must be 1 to 10,000.")]
    public int BatchSize { get; set; } = 50;

    /// <summary>Messages sent at once by one worker, each over an SMTP connection it keeps open for the next.</summary>
    [Range(1, 256, ErrorMessage = "Email:Parallelism must be 1 to 256.")]
    public int Parallelism { get; set; } = 16;

    /// <summary>Whether this instance runs the outbox worker; the HTTP tests turn it off and deliver by hand.</summary>
    public bool DeliverInBackground { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MimeKit.MailboxAddress.TryParse(From, out var from) || !EmailAddresses.IsSendable(from.Address))
        {
            yield return new("Email:From must be an e-mail address, such as AccountAdmin <no-reply@example.com>.", [nameof(From)]);
        }

        if (PollInterval <= TimeSpan.Zero || ClaimLease <= TimeSpan.Zero)
        {
            yield return new("Email:PollInterval and Email:ClaimLease must be longer than zero.", [nameof(PollInterval), nameof(ClaimLease)]);
        }
    }
}

/// <summary>Where users reach the portal, for the links in its e-mails; the one place the address is held.</summary>
public sealed class PortalAddressOptions
{
    public const string Section = "Portal";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Portal:PublicUrl is required.")]
    [Url(ErrorMessage = "Portal:PublicUrl must be an absolute http or https address, such as https://admin.example.com.")]
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>The address with a path appended, for a link.</summary>
    public string Link(string path) => PublicUrl.TrimEnd('/') + path;
}
