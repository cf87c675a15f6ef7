using System.Globalization;
using System.Net.Mail;

namespace AccountAdmin.Core.Email;

/// <summary>
/// The one test of an e-mail address that the sender and the input rules share, so that no address is accepted
/// from a form that <see cref="SmtpEmailSender"/> can't send to.
/// </summary>
public static class EmailAddresses
{
    /// <summary>
    /// <paramref name="address"/> as the sender addresses it, or null when it can't be sent to: System.Net.Mail must
    /// read it as exactly this one address (no display name, comment or second address), its local part must be ASCII
    /// (the sender writes 7-bit mail, as most servers require) and a non-ASCII domain must have an ASCII form.
    /// </summary>
    public static MailAddress? Parse(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Any(char.IsControl)
            || !MailAddress.TryCreate(address, out var parsed)
            || parsed.DisplayName.Length > 0 || parsed.Address != address || !parsed.User.All(char.IsAscii))
        {
            return null;
        }

        if (!parsed.Host.All(char.IsAscii))
        {
            try
            {
                new IdnMapping().GetAscii(parsed.Host);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return parsed;
    }

    public static bool IsSendable(string? address) => Parse(address) is not null;
}
