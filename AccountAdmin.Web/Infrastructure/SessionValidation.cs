using System.Security.Claims;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Checks the session's security stamp on every request, instead of Identity's 30-minute window,
/// so that rotating a stamp (suspend, archive, password change) ends sessions at once. An impersonated session is
/// checked by one query of its own instead, which ends the impersonation and gives the impersonator their own
/// session back.
/// </summary>
public static class SessionValidation
{
    /// <summary>Set on the request that ended an impersonation, with why, for the page to say so.</summary>
    public const string EndedKey = "AccountAdmin.ImpersonationEnded";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var identity = services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var stamp = principal?.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType);
        var userId = principal?.FindUserId();
        var cancellation = context.HttpContext.RequestAborted;
        if (userId is not null && ImpersonationClaims.From(principal!) is { } impersonation)
        {
            var impersonations = services.GetRequiredService<IImpersonationService>();
            if (await impersonations.CheckAsync(impersonation.Id, stamp, impersonation.ImpersonatorStamp, SessionOf(principal!), cancellation) is not { } end)
            {
                return;
            }

            await impersonations.EndAsync(impersonation.Id, end, cancellation);
            if (end != ImpersonationEnd.ImpersonatorSignedOut && await RestoreAsync(context, impersonation))
            {
                context.HttpContext.Items[EndedKey] = end;
                return;
            }

            await RejectAsync(context);
            return;
        }

        var sessions = services.GetRequiredService<ISessionService>();
        if (userId is null || !await sessions.IsCurrentAsync(userId.Value, stamp, SessionOf(principal!), cancellation))
        {
            await RejectAsync(context);
        }
    }

    /// <summary>Gives the impersonator their own session back, re-issuing the cookie; false when they can't have it.</summary>
    private static async Task<bool> RestoreAsync(CookieValidatePrincipalContext context, ImpersonationClaims impersonation)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (await ImpersonationPrincipals.ForImpersonatorAsync(signIn, impersonation) is not { } principal)
        {
            return false;
        }

        CarrySession(context.Principal!, principal);
        context.ReplacePrincipal(principal);
        context.ShouldRenew = true;
        return true;
    }

    /// <summary>
    /// Every cookie issued names its server-side session: a fresh sign-in starts one; a cookie re-issued for the same person
    /// at the keyboard (logging in as someone, returning, a refreshed sign-in) keeps the one it had.
    /// </summary>
    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        var principal = context.Principal!;
        if (principal.FindUserId() is not { } userId || principal.HasClaim(c => c.Type == PortalClaims.Session))
        {
            return;
        }

        var person = ImpersonationClaims.From(principal)?.ImpersonatorId ?? userId;
        var current = context.HttpContext.User;
        if (current.Identity?.IsAuthenticated == true && (ImpersonationClaims.From(current)?.ImpersonatorId ?? current.FindUserId()) == person
            && SessionOf(current) is { } kept)
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalClaims.Session, kept.ToString()));
            return;
        }

        var http = context.HttpContext;
        var started = await http.RequestServices.GetRequiredService<ISessionService>().StartAsync(
            person, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalClaims.Session, started.ToString()));
    }

    public static Guid? SessionOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(PortalClaims.Session), out var id) ? id : null;

    private static void CarrySession(ClaimsPrincipal from, ClaimsPrincipal to)
    {
        if (SessionOf(from) is { } id && !to.HasClaim(c => c.Type == PortalClaims.Session))
        {
            ((ClaimsIdentity)to.Identity!).AddClaim(new Claim(PortalClaims.Session, id.ToString()));
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
