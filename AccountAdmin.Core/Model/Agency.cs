namespace AccountAdmin.Core.Model;

public sealed class Agency
{
    private Agency() { }

    public Agency(string name, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        Name = name;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>Whose sign-in in any of the agency's accounts, or with a role in the agency, must have a second factor.</summary>
    public TwoFactorRequirement TwoFactorRequirement { get; private set; }

    public void RequireTwoFactor(TwoFactorRequirement requirement) => TwoFactorRequirement = requirement;
}

/// <summary>Who an agency or account requires to sign in with a second factor (an authenticator app or a passkey).</summary>
public enum TwoFactorRequirement
{
    None = 0,

    /// <summary>Owners and Administrators of an account; the agency's administrators and its divisions' administrators.</summary>
    Administrators = 1,

    Everyone = 2,
}
