namespace AccountAdmin.Core.Permissions;

/// <summary>Why a change was refused for who the actor is, whatever the capability: one code and message for each rule.</summary>
public static class AccessErrors
{
    public static readonly CommandError TargetOutranksActor = new(
        "TargetOutranksActor", "This user can do more in this account than you can, so you can't change their access.");
    public static readonly CommandError OwnRoles = new("OwnRoles", "You can't change your own roles; ask another administrator.");
    public static readonly CommandError SupportStaff = new(
        "SupportStaff", "Support staff can't be given a role in a customer's account.");

    /// <summary>A change to the user reaches accounts where the actor doesn't manage users, or where the user can do more.</summary>
    public static CommandError BeyondReach(IEnumerable<string> accounts, string field = "")
    {
        var list = AccountList(accounts);
        return new(
            "BeyondReach",
            $"This user also works in {list}, where you don't manage users or they can do more than you, so you can't change their name, e-mail, username, phone or password. Someone who manages users in every account they work in can.",
            field);
    }

    public static readonly CommandError OwnSignIn = new(
        "OwnSignIn", "You change your own two-factor sign-in and sessions on your profile, where you confirm it with your password.");
    public static readonly CommandError NotHomeAccount = new(
        "NotHomeAccount",
        "Only an administrator of the account that created this user, or of its agency, can reset their two-factor sign-in or sign them out everywhere.");

    /// <summary>A change to how the user signs in reaches accounts where the actor doesn't manage users, or where the user can do more.</summary>
    public static CommandError SignInBeyondReach(IEnumerable<string> accounts)
    {
        var list = AccountList(accounts);
        return new(
            "SignInBeyondReach",
            $"This user also works in {list}, where you don't manage users or they can do more than you, so you can't change how they sign in. Someone who manages users in every account they work in can.");
    }

    /// <summary>An agency-wide change reaches an account where the actor is suspended.</summary>
    public static CommandError SuspendedThere(string account, string field = "") => new(
        "SuspendedThere",
        $"You are suspended in {account}, and this change reaches it. While you are suspended there you can change nothing there, whatever your agency role. Nothing was saved.",
        field);

    /// <summary>"East, North, West and 2 other accounts".</summary>
    private static string AccountList(IEnumerable<string> accounts)
    {
        var names = accounts.Order(StringComparer.OrdinalIgnoreCase).ToList();
        return string.Join(", ", names.Take(3)) + (names.Count > 3 ? $" and {English.Count(names.Count - 3, "other account")}" : "");
    }
}
