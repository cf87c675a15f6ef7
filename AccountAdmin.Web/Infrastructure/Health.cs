using System.Text.Json;
using AccountAdmin.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>Whether the database was reached and prepared (migrated) since the portal started.</summary>
public sealed class DatabaseReadiness
{
    private volatile string? problem = "The portal is starting.";

    public bool Ready => problem is null;

    public string? Problem => problem;

    public void Fail(string why) => problem = why;

    public void Succeed() => problem = null;
}

/// <summary>Ready means: the database answers, and it has every migration this version knows.</summary>
public sealed class PendingMigrationsCheck(AccountAdminDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("Every migration is applied.")
            : HealthCheckResult.Unhealthy($"Pending migrations: {string.Join(", ", pending)}. Run the migrate command (README, Production) or set Database:MigrateOnStartup.");
    }
}

/// <summary>
/// Retries preparing the database (migrations, demo data) when it could not be reached at start, so that the portal
/// comes up by itself when it returns instead of exiting into a crash loop.
/// </summary>
public sealed class DatabaseRetry(IServiceProvider services, DatabaseReadiness readiness, ILogger<DatabaseRetry> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.Ready && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, stoppingToken);
                await WebServiceCollectionExtensions.PrepareAsync(services, stoppingToken);
                readiness.Succeed();
                logger.LogInformation("The database is reachable again; the portal is ready.");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                readiness.Fail(e.Message);
            }
        }
    }
}

public static class Health
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddPortalHealth(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseReadiness>();
        services.AddHostedService<DatabaseRetry>();
        services.AddHealthChecks()
            .AddDbContextCheck<AccountAdminDbContext>("database", tags: [ReadyTag])
            .AddCheck<PendingMigrationsCheck>("migrations", tags: [ReadyTag]);
        return services;
    }

    /// <summary>/health/live answers while the process runs; /health/ready says whether the database is there and migrated, and why not.</summary>
    public static void MapPortalHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).AllowAnonymous();
    }

    /// <summary>While the database has not been prepared, pages answer 503 with a page of their own (it reads nothing from the database).</summary>
    public static IApplicationBuilder UseDatabaseReadiness(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var readiness = context.RequestServices.GetRequiredService<DatabaseReadiness>();
        if (readiness.Ready || context.Request.Path.StartsWithSegments("/health"))
        {
            await next();
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)DatabaseRetry.Interval.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Unavailable for a moment - AccountAdmin</title><link rel="stylesheet" href="/lib/bootstrap/bootstrap.min.css"></head>
            <body class="bg-body-tertiary"><main class="container py-5" style="max-width:36rem" id="status-page">
            <div class="card p-4 shadow-sm"><h1 class="h4">AccountAdmin is unavailable for a moment</h1>
            <p class="mb-0">The portal can't reach its database just now and keeps trying. Nothing you did was lost. Try again in a minute.</p></div>
            </main></body></html>
            """);
    });

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
        }));
    }
}
