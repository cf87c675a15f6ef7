using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Keeps an impersonation started by an Owner or Administrator inside its account: any other account, any agency page
/// and the support pages answer 403, whatever the user being impersonated could open on their own.
/// </summary>
public sealed class ImpersonationScope : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (ImpersonationClaims.From(context.HttpContext.User) is { } impersonation && !Allows(impersonation, context))
        {
            context.Result = new ForbidResult();
            return;
        }

        await next();
    }

    private static bool Allows(ImpersonationClaims impersonation, PageHandlerExecutingContext context)
    {
        var values = context.RouteData.Values;
        if (context.ActionDescriptor.ViewEnginePath.StartsWith("/Support", StringComparison.Ordinal))
        {
            return false;
        }

        if (impersonation.AccountId is not { } only)
        {
            return true;
        }

        return !values.ContainsKey("agencyId")
            && (!values.TryGetValue("accountId", out var account) || (Guid.TryParse(account?.ToString(), out var id) && id == only));
    }
}
