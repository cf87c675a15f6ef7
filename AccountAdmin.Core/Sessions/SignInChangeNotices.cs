using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Sessions;

/// <summary>
/// E-mails a user whose way of signing in changed (password, second factor, passkeys), queued in the change's own save:
/// someone who took over a signed-in browser can't change them unseen.
/// </summary>
public sealed class SignInChangeNotices(EmailOutbox outbox, EmailTemplates templates)
{
    public void Tell(AppUser user, string what)
    {
        if (user.Email is { } email)
        {
            var (subject, text, html) = templates.SignInChanged(user, what);
            outbox.Enqueue(email, subject, text, html);
        }
    }
}
