using System.Security.Claims;
using AccountAdmin.Core.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Checks the session's security stamp on every request, instead of Identity's 30-minute window,
/// so that rotating a stamp (suspend, archive, password change) ends sessions at once.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var identity = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var stamp = principal?.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType);
        var userId = principal?.FindUserId();
        var sessions = context.HttpContext.RequestServices.GetRequiredService<ISessionService>();
        if (userId is null || !await sessions.IsCurrentAsync(userId.Value, stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
