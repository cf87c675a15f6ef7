using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Users;

/// <summary>What a user's profile may hold: each rule yields an error keyed by the field it concerns.</summary>
public static partial class ProfileRules
{
    public const int MaxPictureBytes = 2 * 1024 * 1024;

    public static readonly CommandError PictureTooLarge = new("PictureTooLarge", "Choose a picture smaller than 2 MB.", "Picture");
    public static readonly CommandError PictureNotImage = new(
        "PictureNotImage", "The picture must be a PNG, JPEG or WebP image. This file is not one, whatever its name says.", "Picture");

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[0-9]{1,10}$")]
    private static partial Regex Extension();

    [GeneratedRegex(@"^sips?:[A-Za-z0-9._~!$&'()*+,;=%-]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?$")]
    private static partial Regex Sip();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ExternalId();

    public static IEnumerable<CommandError> Identity(string? email, string? firstName, string? lastName, string? phone)
    {
        if (EmailProblem(email) is not null)
        {
            yield return new("InvalidEmail", "Enter a valid e-mail address, such as name@example.com.", "Email");
        }

        if (NameProblem(firstName) is { } first)
        {
            yield return new("FirstName", first == NameFault.Control ? "A first name can't contain control characters." : "Enter a first name of at most 100 characters.", "FirstName");
        }

        if (NameProblem(lastName) is { } last)
        {
            yield return new("LastName", last == NameFault.Control ? "A last name can't contain control characters." : "Enter a last name of at most 100 characters.", "LastName");
        }

        if (phone is { Length: > 0 } && !E164().IsMatch(phone.Trim()))
        {
            yield return new("Phone", "Enter the phone number in international form, such as +14155550123.", "Phone");
        }
    }

    /// <summary>
    /// Why <paramref name="email"/> can't be a user's address, or null when it can: it must be one the sender can send
    /// to, and one Identity's user validator takes.
    /// </summary>
    public static string? EmailProblem(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "missing"
        : email.Trim().Length > 256 ? "longer than 256 characters"
        : email.Any(char.IsControl) || !EmailAddresses.IsSendable(email.Trim()) || !new EmailAddressAttribute().IsValid(email.Trim()) ? "not a valid e-mail address"
        : null;

    public enum NameFault
    {
        Missing = 1,
        TooLong = 2,
        Control = 3,
    }

    /// <summary>What is wrong with a first or last name, or null when nothing is.</summary>
    public static NameFault? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? NameFault.Missing
        : name.Trim().Length > 100 ? NameFault.TooLong
        : name.Any(char.IsControl) ? NameFault.Control
        : null;

    /// <summary>The settings with blanks made null and the SIP scheme added, or the reasons they can't be saved.</summary>
    public static (UserSettingsValues Values, IReadOnlyList<CommandError> Errors) Settings(UserSettingsValues input)
    {
        var errors = new List<CommandError>();
        var values = input with
        {
            SalesforceId = Blank(input.SalesforceId),
            StripeId = Blank(input.StripeId),
            DirectDialNumber = Blank(input.DirectDialNumber),
            DirectDialExtension = Blank(input.DirectDialExtension),
            SipAddress = Blank(input.SipAddress) is { } sip && !sip.Contains(':') ? "sip:" + sip : Blank(input.SipAddress),
        };

        if (values.SalesforceId is { } salesforce && !ExternalId().IsMatch(salesforce))
        {
            errors.Add(new("SalesforceId", "A Salesforce ID has letters and digits only, such as 0055e000001AbCdAAK.", "Settings.SalesforceId"));
        }

        if (values.StripeId is { } stripe && !ExternalId().IsMatch(stripe))
        {
            errors.Add(new("StripeId", "A Stripe ID has letters, digits and underscores only, such as cus_NffrFeUfNV2Hib.", "Settings.StripeId"));
        }

        if (!Enum.IsDefined(values.MissedCallEmail))
        {
            errors.Add(new("MissedCallEmail", "Choose the team setting, on or off.", "Settings.MissedCallEmail"));
        }

        if (!UserSettingsValues.Bitrates.Contains(values.SoftphoneBitrate))
        {
            errors.Add(new(
                "SoftphoneBitrate", $"Choose a bitrate of {string.Join(", ", UserSettingsValues.Bitrates)} kbit/s.", "Settings.SoftphoneBitrate"));
        }

        if (values.DirectDialNumber is { } number && !E164().IsMatch(number))
        {
            errors.Add(new("DirectDialNumber", "Enter the number in international form, such as +14155550123.", "Settings.DirectDialNumber"));
        }

        if (values.DirectDialExtension is { } extension)
        {
            if (!Extension().IsMatch(extension))
            {
                errors.Add(new("DirectDialExtension", "An extension has 1 to 10 digits.", "Settings.DirectDialExtension"));
            }
            else if (values.DirectDialNumber is null)
            {
                errors.Add(new("DirectDialExtension", "Enter the direct-dial number the extension belongs to.", "Settings.DirectDialNumber"));
            }
        }

        if (values.SipAddress is { } address && (address.Length > 256 || !Sip().IsMatch(address)))
        {
            errors.Add(new("SipAddress", "Enter a SIP address such as sip:agent@pbx.example.com.", "Settings.SipAddress"));
        }

        if (!Enum.IsDefined(values.LandingPage))
        {
            errors.Add(new("LandingPage", "Choose a landing page from the list.", "Settings.LandingPage"));
        }

        if (!Enum.IsDefined(values.ContactTab))
        {
            errors.Add(new("ContactTab", "Choose a contact tab from the list.", "Settings.ContactTab"));
        }

        return (values, errors);
    }

    /// <summary>The picture's media type, read from its first bytes; null when it is not PNG, JPEG or WebP.</summary>
    public static string? PictureType(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    public static (string? ContentType, CommandError? Error) Picture(byte[] content) =>
        content.Length > MaxPictureBytes ? (null, PictureTooLarge)
        : PictureType(content) is { } type ? (type, null)
        : (null, PictureNotImage);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
