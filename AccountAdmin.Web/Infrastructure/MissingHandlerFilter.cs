using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Answers a request that no handler of its page takes (an unknown <c>?handler=</c>, a POST to a page without one),
/// which Razor Pages would otherwise give to the page's unnamed handler, or render with nothing loaded. Who may open
/// the address is checked first, as the page's own handlers do: 404 for an unknown account or agency, 403 for one the
/// user may not open, 403 on the support pages for anyone but support staff. Then 405 when the page takes no request
/// of this method, else 404.
/// </summary>
public sealed class MissingHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        if (context.HandlerMethod is { } handler && RequestedName(context) is { Length: > 0 } name
            && !string.Equals(handler.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            context.HandlerMethod = null;
        }

        return Task.CompletedTask;
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is not null)
        {
            await next();
            return;
        }

        context.Result = await RefusalAsync(context) ?? NoSuchHandler(context);
    }

    private static async Task<IActionResult?> RefusalAsync(PageHandlerExecutingContext context)
    {
        if (context.HttpContext.User.FindUserId() is not { } userId)
        {
            return null;
        }

        var services = context.HttpContext.RequestServices;
        var cancellationToken = context.HttpContext.RequestAborted;
        if (RouteId(context, "accountId") is { } accountId)
        {
            var account = await services.GetRequiredService<IAccessService>().GetAsync(userId, accountId, cancellationToken);
            return account is null ? new NotFoundResult() : account.Access.Any ? null : new ForbidResult();
        }

        if (RouteId(context, "agencyId") is { } agencyId)
        {
            var agency = await services.GetRequiredService<IAccessService>().GetAgencyAsync(userId, agencyId, cancellationToken);
            return agency is null ? new NotFoundResult() : agency.Permissions.Count > 0 || agency.ManagesAnyDivision ? null : new ForbidResult();
        }

        if (context.ActionDescriptor.ViewEnginePath.StartsWith("/Support/", StringComparison.Ordinal))
        {
            return await services.GetRequiredService<ISupportDesk>().IsSupportAsync(userId, cancellationToken) ? null : new ForbidResult();
        }

        return null;
    }

    private static StatusCodeResult NoSuchHandler(PageHandlerExecutingContext context)
    {
        var methods = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (methods.Contains("GET"))
        {
            methods.Add("HEAD");
        }

        if (methods.Contains(context.HttpContext.Request.Method))
        {
            return new NotFoundResult();
        }

        context.HttpContext.Response.Headers.Allow = string.Join(", ", methods.Order(StringComparer.Ordinal));
        return new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>The handler the request names, read where Razor Pages reads it: the route, else the query string.</summary>
    private static string? RequestedName(PageHandlerSelectedContext context) =>
        context.RouteData.Values["handler"]?.ToString() is { Length: > 0 } routed ? routed : context.HttpContext.Request.Query["handler"].FirstOrDefault();

    private static Guid? RouteId(PageHandlerExecutingContext context, string name) =>
        Guid.TryParse(context.RouteData.Values[name]?.ToString(), out var id) ? id : null;
}
