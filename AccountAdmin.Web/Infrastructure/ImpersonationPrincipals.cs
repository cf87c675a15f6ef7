using System.Security.Claims;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>The two sessions of an impersonation: the user's, carrying the impersonator, and the impersonator's own, given back.</summary>
public static class ImpersonationPrincipals
{
    public static async Task<ClaimsPrincipal> ForUserAsync(SignInManager<AppUser> signIn, AppUser user, ImpersonationSession session)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims(new ImpersonationClaims(
            session.Id, session.ImpersonatorUserId, session.ImpersonatorName, session.ImpersonatorStamp, session.AccountId, session.ExpiresAt).ToClaims());
        return principal;
    }

    /// <summary>The impersonator's own session, or null when they may not have it back: archived, or their sign-in changed since.</summary>
    public static async Task<ClaimsPrincipal?> ForImpersonatorAsync(SignInManager<AppUser> signIn, ImpersonationClaims impersonation)
    {
        var impersonator = await signIn.UserManager.FindByIdAsync(impersonation.ImpersonatorId.ToString());
        return impersonator is null || impersonator.ArchivedAt is not null || impersonator.SecurityStamp != impersonation.ImpersonatorStamp
            ? null
            : await signIn.CreateUserPrincipalAsync(impersonator);
    }
}
