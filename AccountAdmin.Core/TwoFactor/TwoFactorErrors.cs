namespace AccountAdmin.Core.TwoFactor;

/// <summary>Why a second factor was refused, each at the field it concerns.</summary>
public static class TwoFactorErrors
{
    public static readonly CommandError CodeShape = new("CodeShape", "Enter the 6-digit code your authenticator app shows.", "Code");
    public static readonly CommandError WrongCode = new(
        "WrongCode", "That code is not right, or it has expired. Enter the code your app shows now.", "Code");
    public static readonly CommandError ReusedCode = new(
        "ReusedCode", "That code has been used already. Wait for your app to show the next one, and enter that.", "Code");
    public static readonly CommandError RecoveryCodeShape = new(
        "RecoveryCodeShape", "Enter one of your recovery codes: ten letters and digits, such as BCDFG-23456.", "RecoveryCode");
    public static readonly CommandError WrongRecoveryCode = new(
        "WrongRecoveryCode", "That recovery code is not right, or it has been used already: each one works once.", "RecoveryCode");
    public static readonly CommandError SignInExpired = new(
        "SignInExpired", "This sign-in has expired. Sign in again with your password.");
    public static readonly CommandError AlreadyOn = new("AlreadyOn", "Two-factor sign-in is already on.");
    public static readonly CommandError NotOn = new("NotOn", "Two-factor sign-in is not on.");
    public static readonly CommandError NoKey = new(
        "NoKey", "Open the set-up page again to get a key for your app, then enter the code it shows.", "Code");
    public static readonly CommandError ChangedMeanwhile = new(
        "ChangedMeanwhile", "This user was changed at the same moment. Nothing was saved; try again.");

    public static CommandError LockedOut(string field) => new(
        "LockedOut", "Too many failed attempts: signing in with this name is locked for a few minutes. Try again later.", field);
}
