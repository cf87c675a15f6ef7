using System.Net;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Email;

/// <summary>The portal's e-mails, each as plain text and HTML, with links to the portal's public address.</summary>
public sealed class EmailTemplates(PortalAddressOptions portal, LinkOptions links)
{
    public (string Subject, string Text, string Html) RemovedFromAccount(AppUser user, string accountName) => Compose(
        $"You no longer have access to {accountName}",
        user,
        [$"You have been removed from the account {accountName}. You can't open it any more.",
            "Any other accounts you have access to are not affected."]);

    public (string Subject, string Text, string Html) Invitation(AppUser user, string accountName, AccountRole role, string? setPasswordLink) => Compose(
        $"You have been invited to {accountName}",
        user,
        setPasswordLink is null
            ? [$"You now have access to the account {accountName} as {role.Display()}. Sign in with the password you were given."]
            : [$"You have been invited to the account {accountName} as {role.Display()}.",
                $"Choose your password here to sign in (the link works once, for {LinkLife}):"],
        setPasswordLink);

    public (string Subject, string Text, string Html) AccessGranted(AppUser user, string accountName, AccountRole role) => Compose(
        $"You now have access to {accountName}",
        user,
        [$"You have been given the role {role.Display()} in the account {accountName}. Sign in as usual; it is in your list of accounts."]);

    public (string Subject, string Text, string Html) RoleGranted(AppUser user, string roleName, IReadOnlyList<string> accountNames) => Compose(
        accountNames.Count == 1 ? $"Your role in {accountNames[0]}: {roleName}" : $"Your role in {accountNames.Count} accounts: {roleName}",
        user,
        [$"You now have the role {roleName} in: {string.Join(", ", accountNames)}.", "Sign in as usual; the accounts are in your list of accounts."]);

    public (string Subject, string Text, string Html) RemovedFromAccounts(AppUser user, IReadOnlyList<string> accountNames) => Compose(
        accountNames.Count == 1 ? $"You no longer have access to {accountNames[0]}" : $"You no longer have access to {accountNames.Count} accounts",
        user,
        [$"You have been removed from: {string.Join(", ", accountNames)}. You can't open them any more.",
            "Any other accounts you have access to are not affected."]);

    public (string Subject, string Text, string Html) AgencyRoleGranted(AppUser user, string agencyName, AgencyRole role) => Compose(
        $"You are now {role.Display()} of {agencyName}",
        user,
        [$"You have been given the role {role.Display()} of {agencyName}. It applies to every account of the agency."]);

    public (string Subject, string Text, string Html) AgencyRoleRemoved(AppUser user, string agencyName, AgencyRole role) => Compose(
        $"You are no longer {role.Display()} of {agencyName}",
        user,
        [$"Your role {role.Display()} of {agencyName} has been removed.", "Roles you hold in single accounts are not affected."]);

    public (string Subject, string Text, string Html) RemovedFromAgency(AppUser user, string agencyName) => Compose(
        $"You no longer have access to {agencyName}",
        user,
        [$"You have been removed as Agency Administrator of {agencyName}, and from all of its accounts.",
            "Accounts of other agencies are not affected."]);

    public (string Subject, string Text, string Html) Suspended(AppUser user, string accountName) => Compose(
        $"Your access to {accountName} is suspended",
        user,
        [$"Your access to the account {accountName} has been suspended. You can't open it until an administrator unsuspends you.",
            "Any other accounts you have access to are not affected."]);

    public (string Subject, string Text, string Html) OwnerRemovalRequested(AppUser owner, string accountName, string requester, AccountRole newRole) => Compose(
        $"Please confirm: removing you as Owner of {accountName}",
        owner,
        [$"{requester} has asked to take the Owner role of {accountName} from you. You would become {newRole.Display()} there.",
            "Nothing changes unless you approve. Approve or decline on your profile page:"],
        portal.Link("/profile"));

    public (string Subject, string Text, string Html) OwnerRemovalCompleted(AppUser recipient, string accountName, string formerOwner, AccountRole newRole) => Compose(
        $"{formerOwner} is no longer an Owner of {accountName}",
        recipient,
        [$"{formerOwner} approved the request to remove their Owner role in {accountName}. They are now {newRole.Display()} there."]);

    public (string Subject, string Text, string Html) OwnerRemovalDeclined(AppUser requester, string accountName, string owner) => Compose(
        $"{owner} declined to step down as Owner of {accountName}",
        requester,
        [$"{owner} declined your request to remove their Owner role in {accountName}. They remain an Owner."]);

    public (string Subject, string Text, string Html) Restored(AppUser user, string accountName, string? setPasswordLink) => Compose(
        $"Your access to {accountName} is back",
        user,
        setPasswordLink is null
            ? [$"Your access to the account {accountName} has been restored. Sign in as before."]
            : [$"Your access to the account {accountName} has been restored.",
                $"Your old password no longer works. Choose a new one here (the link works once, for {LinkLife}):"],
        setPasswordLink);

    public (string Subject, string Text, string Html) PasswordReset(AppUser user, string link, TimeSpan lifespan) => Compose(
        "Reset your AccountAdmin password",
        user,
        [$"Someone, we hope you, asked to reset the password of {user.Email}. Choose a new one here (the link works once, for {English.Duration(lifespan)}; a newer link replaces it):",
            "If it wasn't you, ignore this e-mail: your password stays as it is."],
        link);

    public (string Subject, string Text, string Html) PasswordWasReset(AppUser user) => Compose(
        "Your AccountAdmin password was changed",
        user,
        ["Your password was just reset with a link sent to this address, and every browser signed in as you was signed out.",
            "If that wasn't you, reset it again at once from the sign-in page, and tell your administrator."]);

    public (string Subject, string Text, string Html) SecondFactorReset(AppUser user) => Compose(
        "Your two-factor sign-in was reset",
        user,
        ["An administrator reset your two-factor sign-in: the codes of your authenticator app and your recovery codes no longer work, and every browser signed in as you was signed out.",
            user.IsSupportStaff
                ? "At your next sign-in you will be asked to set it up again with your authenticator app."
                : "You sign in with your password alone until you set it up again on your profile.",
            "If you didn't ask for this, tell your administrator at once."]);

    /// <summary>After the user changed how they sign in (<paramref name="what"/>, a sentence): so a thief's change is noticed.</summary>
    public (string Subject, string Text, string Html) SignInChanged(AppUser user, string what) => Compose(
        "How you sign in to AccountAdmin changed",
        user,
        [what,
            "If that was you, there is nothing to do.",
            $"If it wasn't, someone may be signed in as you: set a new password at once, which signs out every browser signed in as you, and tell your administrator: {portal.Link("/forgot-password")}"]);

    public const string SignInLockedSubject = "Signing in to AccountAdmin is locked for a while";

    /// <summary>
    /// After a lock on the user's sign-in name: from one address (<paramref name="fromAddress"/>) when guesses came from
    /// there, else (null) from every address.
    /// </summary>
    public (string Subject, string Text, string Html) SignInLocked(AppUser user, string? fromAddress, TimeSpan lockedFor)
    {
        var minutes = English.Count((int)Math.Ceiling(lockedFor.TotalMinutes), "minute");
        return Compose(
            SignInLockedSubject,
            user,
            [fromAddress is { Length: > 0 }
                ? $"Too many wrong passwords or codes were entered for your sign-in name from the address {fromAddress}, so signing in with it from that address is locked for {minutes}. Elsewhere you can still sign in."
                : $"Too many wrong passwords or codes were entered for your sign-in name, from several addresses, so signing in with it is locked everywhere for {minutes}.",
                $"If that was you, wait and try again, or set a new password, which ends the lock: {portal.Link("/forgot-password")}",
                "If it wasn't you, someone may be guessing your password. Your account is safe while it is locked; to keep it safe, choose a long password you use nowhere else, and turn on two-factor sign-in or add a passkey on your profile.",
                "We tell you of such locks at most once an hour."]);
    }

    /// <summary>How long a set-password link works, in words ("7 days", "12 hours").</summary>
    private string LinkLife => links.LinkLifespan.TotalDays >= 1
        ? English.Count((int)links.LinkLifespan.TotalDays, "day")
        : English.Count((int)Math.Ceiling(links.LinkLifespan.TotalHours), "hour");

    /// <summary>To the new address: the change of e-mail waits for this link.</summary>
    public (string Subject, string Text, string Html) ConfirmNewEmail(AppUser user, string newEmail, string link) => Compose(
        "Confirm your new e-mail address for AccountAdmin",
        user,
        [$"The e-mail address you sign in to AccountAdmin with is changing from {user.Email} to {newEmail}.",
            $"It changes when you follow this link and confirm (the link works for {LinkLife}); until then you sign in with {user.Email}. If you didn't expect this, ignore this e-mail."],
        link,
        "Confirm this address");

    /// <summary>To the old address: a change was asked for, and waits for the new address to confirm it.</summary>
    public (string Subject, string Text, string Html) EmailChangeRequested(AppUser user, string newEmail) => Compose(
        "Your AccountAdmin e-mail address is changing",
        user,
        [$"A change of the e-mail address you sign in to AccountAdmin with, to {newEmail}, was asked for. It changes only once a link sent to {newEmail} is followed.",
            "If you didn't expect this, tell your administrator at once: until then, nothing has changed and you sign in as before."]);

    private (string Subject, string Text, string Html) Compose(
        string subject, AppUser user, string[] paragraphs, string? link = null, string linkText = "Set your password")
    {
        var url = portal.Link("/");
        var greeting = $"Hello {user.FirstName},";
        var text = string.Join("\n\n", [greeting, .. paragraphs, .. link is null ? Array.Empty<string>() : [link], $"AccountAdmin: {url}"]) + "\n";
        var html = $"<p>{Encode(greeting)}</p>"
            + string.Concat(paragraphs.Select(p => $"<p>{Encode(p)}</p>"))
            + (link is null ? "" : $"<p><a href=\"{Encode(link)}\">{Encode(linkText)}</a></p>")
            + $"<p><a href=\"{Encode(url)}\">AccountAdmin</a></p>";
        return (subject, text, html);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
