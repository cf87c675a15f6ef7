using System.Diagnostics.Metrics;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountAdmin.Tests.Core.Email;

/// <summary>The outbox's backlog and the age of its oldest waiting e-mail, as an OpenTelemetry collector reads them.</summary>
public abstract class OutboxMetricsTests(CoreFixture fixture)
{
    [Fact]
    public async Task TheGauges_CountWhatWaits_AndHowLongTheOldestHas_NotWhatWasSentOrGivenUp()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2040, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await fixture.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountAdminDbContext>();
            await db.OutboxMessages.Where(m => m.SentAt == null && m.FailedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime));
            var now = clock.GetUtcNow().UtcDateTime;
            db.OutboxMessages.AddRange(
                new OutboxMessage("a@test.example", "S", "T", "<p>H</p>", now.AddMinutes(-10)),
                new OutboxMessage("b@test.example", "S", "T", "<p>H</p>", now.AddMinutes(-2)));
            var sent = new OutboxMessage("c@test.example", "S", "T", "<p>H</p>", now.AddHours(-5));
            db.OutboxMessages.Add(sent);
            await db.SaveChangesAsync();
            await db.OutboxMessages.Where(m => m.Id == sent.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, now));
            return 0;
        });
        using var metrics = new OutboxMetrics(fixture.Scopes, clock);
        var seen = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OutboxMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(2, seen["accountadmin.outbox.backlog"]);
        Assert.Equal(600, seen["accountadmin.outbox.oldest_age"], 0.5);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class OutboxMetricsSqliteTests(SqliteCore fixture) : OutboxMetricsTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class OutboxMetricsPostgresTests(PostgresCore fixture) : OutboxMetricsTests(fixture);
