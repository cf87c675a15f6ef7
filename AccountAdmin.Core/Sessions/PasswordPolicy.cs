using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;
using System.IO.Compression;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Core.Sessions;

public sealed class PasswordPolicyOptions
{
    public const string Section = "Passwords";

    /// <summary>The longest password the portal takes; well over the 64 that NIST SP 800-63B-4 asks verifiers to allow.</summary>
    public const int MaximumLength = 128;

    [Range(8, 64, ErrorMessage = "Passwords:MinimumLength must be 8 to 64.")]
    public int MinimumLength { get; set; } = 12;
}

/// <summary>
/// Passwords as current guidance has them (NIST SP 800-63B-4, OWASP ASVS 5.0 6.2): long enough, no rules about which
/// kinds of character, not one of the passwords attackers try first (the 49,233 of zxcvbn-ts's list, MIT, shipped
/// here), and nothing of the user's own e-mail, username or name. Identity's own validator checks the minimum length.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    private const int ShortestPersonalPart = 3;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static IdentityError TooLong { get; } = new() { Code = "PasswordTooLong", Description = $"Use at most {PasswordPolicyOptions.MaximumLength} characters." };

    public static IdentityError Commonly { get; } = new()
    {
        Code = "PasswordCommon",
        Description = "This is one of the most common passwords, the ones tried first when an account is attacked. Choose another; a few unrelated words make a strong one.",
    };

    public static IdentityError Personal { get; } = new()
    {
        Code = "PasswordPersonal",
        Description = "A password can't contain your e-mail address, username or name: they are the first things tried.",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = new List<IdentityError>();
        if (password.Length > PasswordPolicyOptions.MaximumLength)
        {
            errors.Add(TooLong);
        }
        else if (IsCommon(password))
        {
            errors.Add(Commonly);
        }

        if (PersonalParts(user).Any(part => password.Contains(part, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(Personal);
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    private static IEnumerable<string> PersonalParts(AppUser user)
    {
        var email = user.Email ?? "";
        var at = email.IndexOf('@');
        return new[] { email, at > 0 ? email[..at] : "", user.UserName ?? "", user.FirstName, user.LastName }
            .Select(p => p.Trim())
            .Where(p => p.Length >= ShortestPersonalPart);
    }

    private static FrozenSet<string> Load()
    {
        using var resource = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("AccountAdmin.Core.Sessions.CommonPasswords.txt.gz")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
