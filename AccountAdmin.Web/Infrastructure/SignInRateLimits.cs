using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using AccountAdmin.Core.Audit;
using Microsoft.AspNetCore.RateLimiting;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>Section "RateLimits": how many sign-in forms one client address may post a minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// POSTs a minute, per client address, to the sign-in (password and second step), forgot-password, reset and invitation
    /// pages together. Behind a proxy the address is the forwarded one (Portal:KnownProxies); people behind one office
    /// address share it.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:SignInPerMinute must be 1 to 100,000.")]
    public int SignInPerMinute { get; set; } = 30;
}

/// <summary>
/// ASP.NET Core's rate limiter in front of the pages that take a password, a name or a link: beyond the limit a client
/// address gets 429 and a page saying how long to wait. Reading those pages is never limited.
/// </summary>
public static class SignInRateLimits
{
    public const string Policy = "sign-in";
    public const string RetryAfterItem = "RetryAfterSeconds";

    public static readonly string[] Pages =
        ["/Sessions/Login", "/Sessions/TwoFactor", "/Sessions/RecoveryCode", "/Sessions/ForgotPassword", "/Sessions/ResetPassword", "/Invitations/Accept", "/Invitations/ConfirmEmail"];

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, RateLimitOptions options) =>
        services.AddSingleton<RejectedAddresses>().AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
            limiter.OnRejected = RejectedAsync;
        });

    private static async ValueTask RejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Items[RetryAfterItem] = seconds;

        // One audit event per address a minute, however hard it is knocking.
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!context.RequestServices.GetRequiredService<RejectedAddresses>().FirstThisMinute(address))
        {
            return;
        }

        var audit = context.RequestServices.GetRequiredService<AuditTrail>();
        audit.Record(AuditActions.RateLimited, details: $"{address} on {context.Request.Path}");
        await context.RequestServices.GetRequiredService<AccountAdmin.Core.Data.AccountAdminDbContext>().SaveChangesAsync(cancellationToken);
    }
}

/// <summary>When each client address was last audited as rate limited; one per portal, so two portals in one process don't share it.</summary>
public sealed class RejectedAddresses(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastAudited = new();

    public bool FirstThisMinute(string address)
    {
        var now = clock.GetUtcNow();
        var first = true;
        lastAudited.AddOrUpdate(address, now, (_, last) =>
        {
            first = now - last >= TimeSpan.FromMinutes(1);
            return first ? now : last;
        });
        return first;
    }
}
