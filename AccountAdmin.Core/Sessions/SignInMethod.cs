namespace AccountAdmin.Core.Sessions;

/// <summary>What proved who a sign-in was: the factors it used, as the audit log records them.</summary>
public enum SignInMethod
{
    Password = 1,
    PasswordAndAuthenticatorCode = 2,
    PasswordAndRecoveryCode = 3,

    /// <summary>A password on a browser that was remembered after a code: the code is not asked again there for a while.</summary>
    PasswordOnRememberedBrowser = 4,

    /// <summary>A passkey alone: something the user has, unlocked on their device by something they know or are.</summary>
    Passkey = 5,
}

public static class SignInMethods
{
    public static string Describe(SignInMethod method) => method switch
    {
        SignInMethod.PasswordAndAuthenticatorCode => "With a password and an authenticator code",
        SignInMethod.PasswordAndRecoveryCode => "With a password and a recovery code",
        SignInMethod.PasswordOnRememberedBrowser => "With a password, on a browser remembered after an authenticator code",
        SignInMethod.Passkey => "With a passkey",
        _ => "With a password",
    };
}
