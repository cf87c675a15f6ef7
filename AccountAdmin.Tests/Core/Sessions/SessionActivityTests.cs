using AccountAdmin.Core.Sessions;

namespace AccountAdmin.Tests.Core.Sessions;

public sealed class SessionActivityTests
{
    [Fact]
    public void ASessionsLastSeen_IsWrittenAtItsFirstRequest_ThenAtMostOnceAMinute()
    {
        var activity = new SessionActivity();
        var session = Guid.NewGuid();
        var other = Guid.NewGuid();
        var start = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

        var due = new[]
        {
            activity.IsDue(session, start),
            activity.IsDue(session, start.AddSeconds(30)),
            activity.IsDue(other, start.AddSeconds(30)),
            activity.IsDue(session, start.AddSeconds(59)),
            activity.IsDue(session, start.AddSeconds(60)),
            activity.IsDue(session, start.AddSeconds(90)),
        };

        Assert.Equal([true, false, true, false, true, false], due);
    }
}
