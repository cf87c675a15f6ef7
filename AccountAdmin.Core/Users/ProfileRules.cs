using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Users;

/// <summary>What a user's profile may hold: each rule yields an error keyed by the field it concerns.</summary>
public static partial class ProfileRules
{
    public const int MaxPictureBytes = 2 * 1024 * 1024;

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
            yield return UserErrors.InvalidEmail;
        }

        if (NameProblem(firstName) is { } first)
        {
            yield return first == NameFault.Control ? UserErrors.FirstNameControl : UserErrors.FirstNameLength;
        }

        if (NameProblem(lastName) is { } last)
        {
            yield return last == NameFault.Control ? UserErrors.LastNameControl : UserErrors.LastNameLength;
        }

        if (phone is { Length: > 0 } && !E164().IsMatch(phone.Trim()))
        {
            yield return UserErrors.Phone;
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
            errors.Add(UserErrors.SalesforceId);
        }

        if (values.StripeId is { } stripe && !ExternalId().IsMatch(stripe))
        {
            errors.Add(UserErrors.StripeId);
        }

        if (!Enum.IsDefined(values.MissedCallEmail))
        {
            errors.Add(UserErrors.MissedCallEmail);
        }

        if (!UserSettingsValues.Bitrates.Contains(values.SoftphoneBitrate))
        {
            errors.Add(UserErrors.SoftphoneBitrate);
        }

        if (values.DirectDialNumber is { } number && !E164().IsMatch(number))
        {
            errors.Add(UserErrors.DirectDialNumber);
        }

        if (values.DirectDialExtension is { } extension)
        {
            if (!Extension().IsMatch(extension))
            {
                errors.Add(UserErrors.DirectDialExtension);
            }
            else if (values.DirectDialNumber is null)
            {
                errors.Add(UserErrors.ExtensionWithoutNumber);
            }
        }

        if (values.SipAddress is { } address && (address.Length > 256 || !Sip().IsMatch(address)))
        {
            errors.Add(UserErrors.SipAddress);
        }

        if (!Enum.IsDefined(values.LandingPage))
        {
            errors.Add(UserErrors.LandingPage);
        }

        if (!Enum.IsDefined(values.ContactTab))
        {
            errors.Add(UserErrors.ContactTab);
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
        content.Length > MaxPictureBytes ? (null, UserErrors.PictureTooLarge)
        : PictureType(content) is { } type ? (type, null)
        : (null, UserErrors.PictureNotImage);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
