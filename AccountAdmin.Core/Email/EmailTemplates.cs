using System.Net;
using System.Text;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Email;

/// <summary>The portal's e-mails, each as plain text and HTML, with links to the portal's public address.</summary>
public sealed class EmailTemplates(PortalAddressOptions portal, LinkOptions links)
{
    public (string Subject, string Text, string Html) RemovedFromAccount(AppUser user, string accountName, ChangedBy by) => Compose(
        $"{by.InSubject} removed you from {accountName}",
        user,
        accountName,
        [$"{by.InSentence} removed you from the account {accountName}. You can't open it any more.",
            "Any other accounts you have access to are not affected."],
        portalLink: false);

    public (string Subject, string Text, string Html) Invitation(AppUser user, string accountName, AccountRole role, string? setPasswordLink, ChangedBy by) => Compose(
        $"{by.InSubject} invited you to {accountName}",
        user,
        accountName,
        setPasswordLink is null
            ? [$"{by.InSentence} gave you access to the account {accountName} as {role.Display()}. Sign in with the password you were given."]
            : [$"{by.InSentence} invited you to the account {accountName} as {role.Display()}.",
                $"Choose your password to sign in. The link works once, for {LinkLife}; your administrator can send a new one."],
        setPasswordLink);

    public (string Subject, string Text, string Html) AccessGranted(AppUser user, string accountName, AccountRole role, ChangedBy by) => Compose(
        $"{by.InSubject} gave you access to {accountName}",
        user,
        accountName,
        [$"{by.InSentence} gave you the role {role.Display()} in the account {accountName}. Sign in as usual; it is in your list of accounts."]);

    public (string Subject, string Text, string Html) RoleGranted(AppUser user, string roleName, IReadOnlyList<string> accountNames, ChangedBy by) => Compose(
        accountNames.Count == 1 ? $"{by.InSubject} made you {roleName} in {accountNames[0]}" : $"{by.InSubject} made you {roleName} in {accountNames.Count} accounts",
        user,
        accountNames.Count == 1 ? accountNames[0] : null,
        [$"{by.InSentence} gave you the role {roleName} in: {string.Join(", ", accountNames)}.", "Sign in as usual; the accounts are in your list of accounts."]);

    public (string Subject, string Text, string Html) RemovedFromAccounts(AppUser user, IReadOnlyList<string> accountNames, ChangedBy by) => Compose(
        accountNames.Count == 1 ? $"{by.InSubject} removed you from {accountNames[0]}" : $"{by.InSubject} removed you from {accountNames.Count} accounts",
        user,
        accountNames.Count == 1 ? accountNames[0] : null,
        [$"{by.InSentence} removed you from: {string.Join(", ", accountNames)}. You can't open them any more.",
            "Any other accounts you have access to are not affected."],
        portalLink: false);

    public (string Subject, string Text, string Html) AgencyRoleGranted(AppUser user, string agencyName, AgencyRole role, ChangedBy by) => Compose(
        $"{by.InSubject} made you {role.Display()} of {agencyName}",
        user,
        agencyName,
        [$"{by.InSentence} gave you the role {role.Display()} of {agencyName}. It applies to every account of the agency."]);

    public (string Subject, string Text, string Html) AgencyRoleRemoved(AppUser user, string agencyName, AgencyRole role, ChangedBy by) => Compose(
        $"{by.InSubject} removed your role {role.Display()} of {agencyName}",
        user,
        agencyName,
        [$"{by.InSentence} removed your role {role.Display()} of {agencyName}.", "Roles you hold in single accounts are not affected."]);

    public (string Subject, string Text, string Html) RemovedFromAgency(AppUser user, string agencyName, ChangedBy by) => Compose(
        $"{by.InSubject} removed you from {agencyName}",
        user,
        agencyName,
        [$"{by.InSentence} removed you as Agency Administrator of {agencyName}, and from all of its accounts.",
            "Accounts of other agencies are not affected."],
        portalLink: false);

    public (string Subject, string Text, string Html) Suspended(AppUser user, string accountName, ChangedBy by) => Compose(
        $"{by.InSubject} suspended your access to {accountName}",
        user,
        accountName,
        [$"{by.InSentence} suspended your access to the account {accountName}. You can't open it until an administrator unsuspends you.",
            "Any other accounts you have access to are not affected."]);

    public (string Subject, string Text, string Html) OwnerRemovalRequested(AppUser owner, string accountName, string requester, AccountRole newRole) => Compose(
        $"Please confirm: {requester} asks to remove you as Owner of {accountName}",
        owner,
        accountName,
        [$"{requester} has asked to take the Owner role of {accountName} from you. You would become {newRole.Display()} there.",
            "Nothing changes unless you approve. Approve or decline on your profile page."],
        portal.Link("/profile"),
        "Open your profile");

    public (string Subject, string Text, string Html) OwnerRemovalCompleted(AppUser recipient, string accountName, string formerOwner, AccountRole newRole) => Compose(
        $"{formerOwner} is no longer an Owner of {accountName}",
        recipient,
        accountName,
        [$"{formerOwner} approved the request to remove their Owner role in {accountName}. They are now {newRole.Display()} there."]);

    public (string Subject, string Text, string Html) OwnerRemovalDeclined(AppUser requester, string accountName, string owner) => Compose(
        $"{owner} declined to step down as Owner of {accountName}",
        requester,
        accountName,
        [$"{owner} declined your request to remove their Owner role in {accountName}. They remain an Owner."]);

    public (string Subject, string Text, string Html) Restored(AppUser user, string accountName, string? setPasswordLink, ChangedBy by) => Compose(
        $"{by.InSubject} restored your access to {accountName}",
        user,
        accountName,
        setPasswordLink is null
            ? [$"{by.InSentence} restored your access to the account {accountName}. Sign in as before."]
            : [$"{by.InSentence} restored your access to the account {accountName}.",
                $"Your old password no longer works. Choose a new one (the link works once, for {LinkLife})."],
        setPasswordLink,
        "Choose a new password");

    public (string Subject, string Text, string Html) PasswordReset(AppUser user, string link, TimeSpan lifespan) => Compose(
        "Reset your AccountAdmin password",
        user,
        null,
        [$"Someone, we hope you, asked to reset the password of {user.Email}. Choose a new one (the link works once, for {English.Duration(lifespan)}; a newer link replaces it).",
            "If it wasn't you, ignore this e-mail: your password stays as it is."],
        link,
        "Choose a new password");

    public (string Subject, string Text, string Html) PasswordWasReset(AppUser user) => Compose(
        "Your AccountAdmin password was changed",
        user,
        null,
        ["Your password was just reset with a link sent to this address, and every browser signed in as you was signed out.",
            "If that wasn't you, reset it again at once from the sign-in page, and tell your administrator."]);

    public (string Subject, string Text, string Html) SecondFactorReset(AppUser user, ChangedBy by) => Compose(
        $"{by.InSubject} reset your two-factor sign-in",
        user,
        null,
        [$"{by.InSentence} reset your two-factor sign-in: the codes of your authenticator app and your recovery codes no longer work, and every browser signed in as you was signed out.",
            user.IsSupportStaff
                ? "At your next sign-in you will be asked to set it up again with your authenticator app."
                : "You sign in with your password alone until you set it up again on your profile.",
            "If you didn't ask for this, tell your administrator at once."]);

    /// <summary>After the user changed how they sign in (<paramref name="what"/>, a sentence): so a thief's change is noticed.</summary>
    public (string Subject, string Text, string Html) SignInChanged(AppUser user, string what) => Compose(
        "How you sign in to AccountAdmin changed",
        user,
        null,
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
            null,
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
    public (string Subject, string Text, string Html) ConfirmNewEmail(AppUser user, string newEmail, string link, ChangedBy by) => Compose(
        "Confirm your new e-mail address for AccountAdmin",
        user,
        null,
        [$"{(by.IsSelf(user.Id) ? "You" : by.InSentence)} asked to change the e-mail address you sign in to AccountAdmin with from {user.Email} to {newEmail}.",
            $"It changes when you follow this link and confirm (the link works for {LinkLife}); until then you sign in with {user.Email}. If you didn't expect this, ignore this e-mail."],
        link,
        "Confirm this address");

    /// <summary>To the old address: a change was asked for, and waits for the new address to confirm it.</summary>
    public (string Subject, string Text, string Html) EmailChangeRequested(AppUser user, string newEmail, ChangedBy by) => Compose(
        "Your AccountAdmin e-mail address is changing",
        user,
        null,
        [$"{(by.IsSelf(user.Id) ? "You" : by.InSentence)} asked to change the e-mail address you sign in to AccountAdmin with to {newEmail}. It changes only once a link sent to {newEmail} is followed.",
            "If you didn't expect this, tell your administrator at once: until then, nothing has changed and you sign in as before."]);

    /// <summary>
    /// The one layout of every e-mail: what happened as the subject and heading, where (<paramref name="place"/>, the
    /// account or agency, if any), the greeting and paragraphs, one link as a button with its address spelled out, and why
    /// the recipient gets it. <paramref name="portalLink"/> is false for people who just lost access: nothing to open.
    /// </summary>
    private (string Subject, string Text, string Html) Compose(
        string subject, AppUser user, string? place, string[] paragraphs, string? link = null, string linkText = "Set your password",
        bool portalLink = true)
    {
        var url = portal.Link("/");
        var greeting = $"Hello {user.FirstName},";
        var header = place is null ? "AccountAdmin" : $"AccountAdmin · {place}";
        var why = place is null
            ? $"You get this e-mail because {user.Email} is the address you sign in to AccountAdmin with."
            : $"You get this e-mail because {user.Email} has a user in {place} on AccountAdmin.";

        var text = new StringBuilder();
        text.Append(header).Append("\n\n").Append(subject).Append("\n\n").Append(greeting).Append("\n\n");
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        if (link is not null)
        {
            text.Append(linkText).Append(":\n").Append(link).Append("\n\n");
        }

        text.Append("-- \n").Append(why).Append('\n');
        if (portalLink)
        {
            text.Append("AccountAdmin: ").Append(url).Append('\n');
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(Encode(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f3f4f6;color:#1f2937;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f3f4f6\"><tr><td align=\"center\" style=\"padding:24px 12px\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:560px;background:#ffffff;border:1px solid #d1d5db;border-radius:8px\">")
            .Append("<tr><td style=\"padding:16px 24px;border-bottom:1px solid #e5e7eb;font-size:14px;color:#374151\"><strong>AccountAdmin</strong>")
            .Append(place is null ? "" : $" · {Encode(place)}").Append("</td></tr>")
            .Append("<tr><td style=\"padding:24px;font-size:16px;line-height:1.5\">")
            .Append("<h1 style=\"margin:0 0 16px;font-size:20px;line-height:1.3\">").Append(Encode(subject)).Append("</h1>")
            .Append("<p style=\"margin:0 0 16px\">").Append(Encode(greeting)).Append("</p>");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p style=\"margin:0 0 16px\">").Append(Encode(paragraph)).Append("</p>");
        }

        if (link is not null)
        {
            html.Append("<p style=\"margin:24px 0\"><a href=\"").Append(Encode(link))
                .Append("\" style=\"display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;border-radius:6px;font-weight:600;text-decoration:none\">")
                .Append(Encode(linkText)).Append("</a></p>")
                .Append("<p style=\"margin:0 0 16px;font-size:14px;color:#4b5563;word-break:break-all\">If the button doesn't work, open this address: ")
                .Append(Encode(link)).Append("</p>");
        }

        html.Append("</td></tr><tr><td style=\"padding:16px 24px;border-top:1px solid #e5e7eb;font-size:13px;line-height:1.5;color:#4b5563\">")
            .Append(Encode(why));
        if (portalLink)
        {
            html.Append(" <a href=\"").Append(Encode(url)).Append("\" style=\"color:#1d4ed8\">Open AccountAdmin</a>");
        }

        html.Append("</td></tr></table></td></tr></table></body></html>");
        return (subject, text.ToString(), html.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
