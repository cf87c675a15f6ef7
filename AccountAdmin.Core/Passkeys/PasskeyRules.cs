using System.Buffers.Text;

namespace AccountAdmin.Core.Passkeys;

public static class PasskeyRules
{
    public const int MaxPerUser = 20;
    public const int MaxNameLength = 100;

    /// <summary>A name as typed, trimmed; null when it is empty or too long.</summary>
    public static string? Name(string? typed)
    {
        var name = (typed ?? "").Trim();
        return name.Length is > 0 and <= MaxNameLength ? name : null;
    }

    /// <summary>A credential id from a form or address (base64url); null when it can't be one.</summary>
    public static byte[]? CredentialId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1400 || !Base64Url.IsValid(id))
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(id);
        return bytes.Length is > 0 and <= 1024 ? bytes : null;
    }
}

public static class PasskeyErrors
{
    public static readonly CommandError NameShape = new(
        "NameShape", $"Give the passkey a name of up to {PasskeyRules.MaxNameLength} characters, such as \"Work laptop\".", "Name");
    public static readonly CommandError AlreadyRegistered = new(
        "AlreadyRegistered", "This passkey is already registered. Use another device or password manager.", "Name");
    public static readonly CommandError TooMany = new(
        "TooMany", $"You have {PasskeyRules.MaxPerUser} passkeys, the most there can be. Remove one you no longer use first.", "Name");
    public static readonly CommandError NotMade = new(
        "NotMade", "The passkey could not be added. Try again; if it keeps failing, your browser or device may not support passkeys.", "Name");
    public static readonly CommandError ChangedMeanwhile = new(
        "ChangedMeanwhile", "This passkey was changed at the same moment. Nothing was saved; try again.");
}
