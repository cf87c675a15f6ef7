using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// A user who must have a second factor and has none yet (support staff, whose sign-in opens every customer's account)
/// can do nothing but set one up: every other page, read or posted, leads to the set-up page. Signing out still works.
/// Read from the session's claims, so it costs no query.
/// </summary>
public sealed class SecondFactorRequirement : IAsyncPageFilter
{
    public const string SetupUrl = "/profile/two-factor";

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "/Profile/TwoFactor/Index",
        "/Profile/Passkeys/Index",
        "/Profile/Confirm",
        "/Sessions/Logout",
        "/Sessions/Login",
        "/Status/Code",
    };

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        if (user.HasClaim(PortalClaims.MustSetUpSecondFactor, "true") && ImpersonationClaims.From(user) is null
            && !Allowed.Contains(context.ActionDescriptor.ViewEnginePath))
        {
            context.Result = new LocalRedirectResult(SetupUrl);
            return;
        }

        await next();
    }
}
