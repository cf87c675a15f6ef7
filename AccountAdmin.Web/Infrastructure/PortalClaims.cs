using System.Security.Claims;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AccountAdmin.Web.Infrastructure;

public static class PortalClaims
{
    public const string DisplayName = "accountadmin:display_name";
}

/// <summary>Adds the user's display name to the session, for the header.</summary>
public sealed class PortalClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
