using System.Globalization;
using System.Security.Claims;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AccountAdmin.Web.Infrastructure;

public static class PortalClaims
{
    public const string DisplayName = "accountadmin:display_name";
    public const string SupportStaff = "accountadmin:support_staff";

    /// <summary>The user must set up a second factor before doing anything else (<see cref="SecondFactorRequirement"/>).</summary>
    public const string MustSetUpSecondFactor = "accountadmin:must_set_up_second_factor";

    /// <summary>The server-side session this cookie belongs to (<see cref="AccountAdmin.Core.Model.UserSession"/>).</summary>
    public const string Session = "accountadmin:session";

    // An impersonated session carries who is really at the keyboard and the impersonation it belongs to.
    public const string Impersonation = "accountadmin:impersonation";
    public const string Impersonator = "accountadmin:impersonator";
    public const string ImpersonatorName = "accountadmin:impersonator_name";
    public const string ImpersonatorStamp = "accountadmin:impersonator_stamp";
    public const string ImpersonationAccount = "accountadmin:impersonation_account";
    public const string ImpersonationUntil = "accountadmin:impersonation_until";
}

/// <summary>A running impersonation as the session's claims tell it.</summary>
public sealed record ImpersonationClaims(Guid Id, Guid ImpersonatorId, string ImpersonatorName, string ImpersonatorStamp, Guid? AccountId, DateTime Until)
{
    public IEnumerable<Claim> ToClaims() =>
    [
        new(PortalClaims.Impersonation, Id.ToString()),
        new(PortalClaims.Impersonator, ImpersonatorId.ToString()),
        new(PortalClaims.ImpersonatorName, ImpersonatorName),
        new(PortalClaims.ImpersonatorStamp, ImpersonatorStamp),
        new(PortalClaims.ImpersonationAccount, AccountId?.ToString() ?? ""),
        new(PortalClaims.ImpersonationUntil, Until.ToString("O", CultureInfo.InvariantCulture)),
    ];

    public static ImpersonationClaims? From(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(PortalClaims.Impersonation), out var id)
        && Guid.TryParse(principal.FindFirstValue(PortalClaims.Impersonator), out var impersonator)
        && DateTime.TryParse(principal.FindFirstValue(PortalClaims.ImpersonationUntil), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until)
            ? new ImpersonationClaims(
                id, impersonator, principal.FindFirstValue(PortalClaims.ImpersonatorName) ?? "",
                principal.FindFirstValue(PortalClaims.ImpersonatorStamp) ?? "",
                Guid.TryParse(principal.FindFirstValue(PortalClaims.ImpersonationAccount), out var account) ? account : null,
                until)
            : null;
}

/// <summary>Adds the user's display name to the session, for the header, and marks support staff.</summary>
public sealed class PortalClaimsFactory(
    UserManager<AppUser> users, IOptions<IdentityOptions> options, ITwoFactorRequirements requirements, IHttpContextAccessor accessor)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    /// <summary>Where the request keeps whether the session just made must set up a second factor, so it is asked once.</summary>
    public const string MustSetUpKey = "AccountAdmin.MustSetUpSecondFactor";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.IsSupportStaff)
        {
            identity.AddClaim(new Claim(PortalClaims.SupportStaff, "true"));
        }

        // Made at sign-in (an agency's or account's new requirement reaches its users at their next one); turning two-factor
        // on rotates the security stamp and re-issues the cookie, and adding a passkey re-issues it: either drops this claim.
        var mustSetUp = await requirements.MustSetUpAsync(user);
        if (mustSetUp)
        {
            identity.AddClaim(new Claim(PortalClaims.MustSetUpSecondFactor, "true"));
        }

        if (accessor.HttpContext is { } http)
        {
            http.Items[MustSetUpKey] = mustSetUp;
        }

        return identity;
    }
}
