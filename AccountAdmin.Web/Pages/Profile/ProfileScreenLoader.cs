using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Passkeys;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>Gathers what /profile shows, for the page itself and for each of its forms' pages.</summary>
public sealed class ProfileScreenLoader(
    IAccountDirectory accounts, IOwnerRemovals removals, IUserProfiles profiles, IImpersonationService impersonations, ISessionManagement sessions,
    ITwoFactorSettings twoFactor, IPasskeys passkeys)
{
    public const int SessionsShown = 20;

    public async Task<ProfileScreen> LoadAsync(Guid userId, CancellationToken cancellationToken) => new()
    {
        Sessions = await sessions.LiveAsync(userId, SessionsShown, cancellationToken),
        TwoFactor = await twoFactor.StatusAsync(userId, cancellationToken),
        Passkeys = (await passkeys.ListAsync(userId, cancellationToken)).Count,
        Preferences = SettingsInput.From(await profiles.SettingsOfAsync(userId, cancellationToken)),
        Grants = await accounts.DescribeGrantsAsync(userId, cancellationToken),
        Pending = await removals.PendingForAsync(userId, cancellationToken),
        Impersonations = await impersonations.OfUserAsync(userId, 20, cancellationToken),
    };
}
