using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Web.Infrastructure;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>What /profile shows, its forms filled with what is saved except the one that was posted.</summary>
public sealed class ProfileScreen
{
    public required GrantSummary Grants { get; init; }

    public required IReadOnlyList<PendingOwnerRemoval> Pending { get; init; }

    /// <summary>When someone logged in as me, by whom and why (seed 004).</summary>
    public required IReadOnlyList<ImpersonationRecord> Impersonations { get; init; }

    /// <summary>The form that was posted: the only one to show the errors that belong to none of its fields.</summary>
    public ProfileForm Posted { get; set; }

    /// <summary>My contact preferences (seeds 001 and 004).</summary>
    public required SettingsInput Preferences { get; set; }

    public ChangePasswordInput Password { get; set; } = new();

    /// <summary>My signed-in browsers, newest first, this one marked; at most <see cref="ProfileScreenLoader.SessionsShown"/>.</summary>
    public IReadOnlyList<SessionView> Sessions { get; init; } = [];

    public TwoFactorStatus TwoFactor { get; init; } = new(false, 0, 0);

    public int Passkeys { get; init; }
}
