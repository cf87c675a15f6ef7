using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Core.Model;

/// <summary>One person, one identity, unique by e-mail across the whole system.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() { }

    public AppUser(string email, string firstName, string lastName, DateTime createdAt, Guid? homeAccountId = null, string? userName = null)
    {
        Id = Guid.NewGuid();
        Email = email.Trim();
        UserName = string.IsNullOrWhiteSpace(userName) ? Email : userName.Trim();
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        CreatedAt = createdAt;
        HomeAccountId = homeAccountId;
        SecurityStamp = Guid.NewGuid().ToString("N");
        RefreshKeys();
    }

    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string? Nickname { get; private set; }

    /// <summary>The account that created the user: only its administrators (or its agency's) edit protected fields.</summary>
    public Guid? HomeAccountId { get; private set; }

    /// <summary>Support staff of the service provider: they hold no customer role.</summary>
    public bool IsSupportStaff { get; private set; }

    /// <summary>How many passkeys the user has, kept beside Identity's table so that lists and the second-factor rule read no other.</summary>
    public int PasskeyCount { get; private set; }

    /// <summary>Whether signing in needs more than a password: an authenticator app, or a passkey (a factor on its own).</summary>
    public bool HasSecondFactor => TwoFactorEnabled || PasskeyCount > 0;

    public DateTime CreatedAt { get; private set; }
    public DateTime? LastSignInAt { get; private set; }
    public DateTime? ArchivedAt { get; private set; }

    public string NameKey { get; private set; } = "";
    public string EmailKey { get; private set; } = "";
    public string SignInKey { get; private set; } = "";

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    /// <summary>When the last invitation (or restore) e-mail with a set-password link was queued; null when none was.</summary>
    public DateTime? InvitationSentAt { get; private set; }

    /// <summary>A set-password link was e-mailed now: the one before it no longer works (the caller rotates the stamp).</summary>
    public void Invited(DateTime at) => InvitationSentAt = at;

    /// <summary>Invited until the user has set a password of their own.</summary>
    public bool IsInvited => PasswordHash is null && ArchivedAt is null;

    public void MakeSupportStaff() => IsSupportStaff = true;

    public void CountPasskeys(int count) => PasskeyCount = count;

    public void Rename(string firstName, string lastName, string? nickname)
    {
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        Nickname = string.IsNullOrWhiteSpace(nickname) ? null : nickname.Trim();
        RefreshKeys();
    }

    /// <summary>
    /// The address the user's e-mail changes to once the link sent there is followed (null: no change asked); until
    /// then they sign in, and are written to, at <see cref="IdentityUser{TKey}.Email"/>.
    /// </summary>
    public string? PendingEmail { get; private set; }

    public DateTime? PendingEmailAt { get; private set; }

    public void RequestEmailChange(string email, DateTime at) => (PendingEmail, PendingEmailAt) = (email, at);

    public void CancelEmailChange() => (PendingEmail, PendingEmailAt) = (null, null);

    /// <summary>The new address is confirmed: it becomes the e-mail, and the username too where it was the e-mail.</summary>
    public void ConfirmEmailChange(Func<string, string> normalize)
    {
        var email = PendingEmail ?? throw new InvalidOperationException("No e-mail change was asked for.");
        if (UserName == Email)
        {
            UserName = email;
            NormalizedUserName = normalize(email);
        }

        NormalizedEmail = normalize(email);
        EmailConfirmed = true;
        (PendingEmail, PendingEmailAt) = (null, null);
        ChangeEmail(email);
    }

    public void ChangeEmail(string email)
    {
        Email = email.Trim();
        RefreshKeys();
    }

    public void RecordSignIn(DateTime at)
    {
        LastSignInAt = at;
        RefreshKeys();
    }

    /// <summary>No access anywhere any more: the password and passkeys go and every session ends (seed 004).</summary>
    public void Archive(DateTime at)
    {
        ArchivedAt = at;
        PasswordHash = null;
        PasskeyCount = 0;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    /// <summary>Back from the archive; the user sets a new password before signing in again.</summary>
    public void Unarchive() => ArchivedAt = null;

    /// <summary>Recomputes the list sort keys; memberships copy them with <see cref="Membership.RefreshKeys"/>.</summary>
    public void RefreshKeys()
    {
        NameKey = DirectoryKeys.Name(this);
        EmailKey = DirectoryKeys.Email(this);
        SignInKey = DirectoryKeys.SignIn(this);
    }
}
