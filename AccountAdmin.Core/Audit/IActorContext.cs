namespace AccountAdmin.Core.Audit;

/// <summary>Who is acting, as the host knows it: the signed-in user, the impersonator behind them, and where from.</summary>
public interface IActorContext
{
    /// <summary>The user the change is made as; null for the system itself (start-up, command line).</summary>
    Guid? UserId { get; }

    /// <summary>The person really at the keyboard while <see cref="UserId"/> is being impersonated.</summary>
    Guid? ImpersonatorUserId { get; }

    /// <summary>
    /// The one account an impersonation started by an Owner or Administrator is kept to: nothing outside it may change,
    /// whatever a request carries. Null when not impersonating, or when support staff are (they follow the user).
    /// </summary>
    Guid? ConfinedToAccountId { get; }

    /// <summary>The signed-in browser's session (the impersonator's, while impersonating); null outside a request.</summary>
    Guid? SessionId { get; }

    string? ClientIp { get; }
}

/// <summary>The actor of work that no person started: seeding, migrations, commands.</summary>
public sealed class SystemActor : IActorContext
{
    public Guid? UserId => null;
    public Guid? ImpersonatorUserId => null;
    public Guid? ConfinedToAccountId => null;
    public Guid? SessionId => null;
    public string? ClientIp => null;
}
