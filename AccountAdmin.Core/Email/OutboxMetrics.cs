using System.Diagnostics.Metrics;
using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Core.Email;

/// <summary>
/// The outbox as a metric (meter "AccountAdmin"): how many e-mails wait to be sent, and how long the oldest has waited.
/// Read from the database when a metrics exporter collects, so every instance reports the same shared backlog.
/// </summary>
public sealed class OutboxMetrics : IDisposable
{
    public const string MeterName = "AccountAdmin";

    private readonly Meter meter;

    public OutboxMetrics(IServiceScopeFactory scopes, TimeProvider clock)
    {
        meter = new Meter(MeterName);
        meter.CreateObservableGauge("accountadmin.outbox.backlog", () => Read(scopes, clock).Backlog, "{message}", "E-mails waiting to be sent");
        meter.CreateObservableGauge("accountadmin.outbox.oldest_age", () => Read(scopes, clock).OldestSeconds, "s", "How long the oldest waiting e-mail has waited");
    }

    public static (int Backlog, double OldestSeconds) Read(IServiceScopeFactory scopes, TimeProvider clock)
    {
        using var scope = scopes.CreateScope();
        var waiting = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null);
        var oldest = waiting.OrderBy(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefault();
        return (waiting.Count(), oldest is { } at ? Math.Max(0, (clock.GetUtcNow().UtcDateTime - at).TotalSeconds) : 0);
    }

    public void Dispose() => meter.Dispose();
}
