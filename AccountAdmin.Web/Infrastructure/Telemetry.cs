using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Email;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>Section "OpenTelemetry": where metrics and traces go; nothing is collected without an endpoint.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>An OTLP collector, such as http://otel-collector:4317; the standard OTEL_EXPORTER_OTLP_ENDPOINT also works.</summary>
    [Url(ErrorMessage = "OpenTelemetry:OtlpEndpoint must be an absolute URL.")]
    public string? OtlpEndpoint { get; set; }
}

public static class Telemetry
{
    /// <summary>
    /// Metrics (ASP.NET Core, HttpClient, the runtime, the outbox's backlog) and traces (ASP.NET Core, HttpClient, Npgsql)
    /// exported over OTLP when an endpoint is configured; off otherwise. Logs carry the request's trace id either way.
    /// </summary>
    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var options = services.AddValidatedOptions<TelemetryOptions>(configuration, TelemetryOptions.Section);
        var endpoint = options.OtlpEndpoint is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrEmpty(endpoint))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("AccountAdmin"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(OutboxMetrics.MeterName)
                .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint)))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint)));
        return services;
    }
}
