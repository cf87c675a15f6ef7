using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Core;

/// <summary>Identity's errors in the portal's words, each at the field it concerns: the one place they are mapped.</summary>
public static class IdentityErrors
{
    public static readonly CommandError DuplicateEmail = new("DuplicateEmail", "A user with this email address already exists.", "Email");
    public static readonly CommandError DuplicateUserName = new("DuplicateUserName", "This username is taken.", "UserName");
    public static readonly CommandError InvalidUserName = new("InvalidUserName", "A username may use letters, digits and - . _ @ + only.", "UserName");
    public static readonly CommandError CurrentPasswordWrong = new("PasswordMismatch", "The current password is not right.", "CurrentPassword");

    /// <summary>One of Identity's errors; a password rule goes to <paramref name="passwordField"/>, the form's name for the new password.</summary>
    public static CommandError ToError(IdentityError error, string passwordField = "Password") => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) => DuplicateEmail,
        nameof(IdentityErrorDescriber.DuplicateUserName) => DuplicateUserName,
        nameof(IdentityErrorDescriber.InvalidUserName) => InvalidUserName,
        nameof(IdentityErrorDescriber.PasswordMismatch) => CurrentPasswordWrong,
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => new(error.Code, error.Description, passwordField),
        _ => new(error.Code, error.Description),
    };

    public static CommandResult Refused(IdentityResult result, string passwordField = "Password") =>
        CommandResult.Refused(result.Errors.Select(e => ToError(e, passwordField)).ToArray());
}
