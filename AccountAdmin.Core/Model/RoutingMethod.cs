namespace AccountAdmin.Core.Model;

/// <summary>The routing methods seed 001 names: "Tracking Number Call Routing, Queue, Smart Router, etc."</summary>
public enum RoutingKind
{
    Queue = 1,
    SmartRouter = 2,
    TrackingNumberCallRouting = 3,
}

public static class RoutingKindNames
{
    public static string Display(this RoutingKind kind) => kind switch
    {
        RoutingKind.Queue => "Queue",
        RoutingKind.SmartRouter => "Smart Router",
        RoutingKind.TrackingNumberCallRouting => "Tracking Number Call Routing",
        _ => kind.ToString(),
    };

    /// <summary>A queue hands activities to its agents in their order; the others list them without one.</summary>
    public static bool IsOrdered(this RoutingKind kind) => kind == RoutingKind.Queue;
}

/// <summary>A way an account routes activities to agents (seed 001), with its agents.</summary>
public sealed class RoutingMethod
{
    private RoutingMethod() { }

    public RoutingMethod(Guid accountId, string name, RoutingKind kind)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        Kind = kind;
        Rename(name);
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The name whatever its case: unique in the account.</summary>
    public string NormalizedName { get; private set; } = "";

    public RoutingKind Kind { get; private set; }

    /// <summary>Goes up with every change to the agents, so that a form shown before one is refused rather than undoing it.</summary>
    public int Revision { get; private set; }

    public void Rename(string name)
    {
        Name = name.Trim();
        NormalizedName = Name.ToUpperInvariant();
    }

    public void Changed() => Revision++;
}

/// <summary>An agent in a routing method, at a position (the order a queue hands out activities in).</summary>
public sealed class RoutingAgent
{
    private RoutingAgent() { }

    public RoutingAgent(Guid routingMethodId, Guid userId, int position)
    {
        RoutingMethodId = routingMethodId;
        UserId = userId;
        Position = position;
    }

    public Guid RoutingMethodId { get; private set; }
    public Guid UserId { get; private set; }
    public int Position { get; private set; }

    public void MoveTo(int position) => Position = position;
}
