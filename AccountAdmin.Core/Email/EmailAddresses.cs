using System.Globalization;
using MimeKit;

namespace AccountAdmin.Core.Email;

/// <summary>
/// The one test of an e-mail address that the sender and the input rules share, so that no address is accepted
/// from a form that <see cref="MailKitEmailSender"/> can't send to.
/// </summary>
public static class EmailAddresses
{
    // RFC 5322's atext: what a local part may hold besides its dots.
    private const string Atext = "!#$%&'*+-/=?^_`{|}~";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>
    /// <paramref name="address"/> as the sender addresses it, or null when it can't be sent to: exactly one bare address
    /// (no display name, comment, quotes or second address), a local part of ASCII dot-atoms (as 7-bit mail needs, which
    /// most servers require), and a domain of host-name labels, a non-ASCII one written in its ASCII (IDNA) form.
    /// </summary>
    public static MailboxAddress? Parse(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        if (address is null || at <= 0 || at > 64 || at == address.Length - 1 || address.Length > 254)
        {
            return null;
        }

        var local = address[..at];
        if (!local.Split('.').All(atom => atom.Length > 0 && atom.All(c => char.IsAsciiLetterOrDigit(c) || Atext.Contains(c))))
        {
            return null;
        }

        string domain;
        try
        {
            domain = Idn.GetAscii(address[(at + 1)..]);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var ascii = $"{local}@{domain}";
        return domain.Split('.').All(label => label.Length is > 0 and <= 63)
            && MailboxAddress.TryParse(ParserOptions.Default, ascii, out var parsed) && string.IsNullOrEmpty(parsed.Name) && parsed.LocalPart == local
                ? new MailboxAddress("", ascii)
                : null;
    }

    public static bool IsSendable(string? address) => Parse(address) is not null;
}
