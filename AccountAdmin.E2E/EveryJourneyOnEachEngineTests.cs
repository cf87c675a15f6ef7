using AccountAdmin.E2E.Infrastructure;

namespace AccountAdmin.E2E;

public sealed class EveryJourneyOnEachEngineTests
{
    /// <summary>Journeys about how pages look, not what is stored: on SQLite only, the engine of the demo.</summary>
    private static readonly Type[] LookOnly = [typeof(Journeys.AccessibilityJourneys)];

    [Fact]
    public void EveryJourneyClass_RunsOnSqliteAndOnPostgreSql()
    {
        var types = typeof(PortalBrowser).Assembly.GetTypes();
        var journeys = types.Where(t => t.IsAbstract && t.Namespace == "AccountAdmin.E2E.Journeys" && t.Name.EndsWith("Journeys", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(journeys);

        var missing =
            from journey in journeys
            from fixture in new[] { typeof(SqlitePortal), typeof(PostgreSqlPortal) }
            where !(fixture == typeof(PostgreSqlPortal) && LookOnly.Contains(journey))
            where !types.Any(t => !t.IsAbstract && t.BaseType == journey && t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == fixture)))
            select $"{journey.Name} on {fixture.Name}";
        Assert.Empty(missing);
    }
}
