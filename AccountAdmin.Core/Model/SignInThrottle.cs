namespace AccountAdmin.Core.Model;

/// <summary>
/// Failed sign-ins counted for one key: a sign-in name as typed, from one address or from anywhere. Kept for names that
/// belong to nobody exactly as for real ones, so that a refusal says nothing about who exists.
/// </summary>
public sealed class SignInThrottle
{
    private SignInThrottle() { }

    public SignInThrottle(string key) => Key = key;

    public string Key { get; private set; } = "";
    public int Failures { get; private set; }
    public int Lockouts { get; private set; }
    public DateTime? LockedUntil { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>When the user the name belongs to was last e-mailed about a lock on it (kept on the name's count from anywhere).</summary>
    public DateTime? ToldAt { get; private set; }

    /// <summary>When they were last e-mailed about a lock on it from every address.</summary>
    public DateTime? ToldEverywhereAt { get; private set; }

    public bool IsLocked(DateTime now) => LockedUntil > now;

    /// <summary>Counts a failure; at <paramref name="limit"/> failures the key locks for the next of <paramref name="backoff"/>'s spans.</summary>
    public void Fail(DateTime now, int limit, IReadOnlyList<TimeSpan> backoff)
    {
        Failures++;
        UpdatedAt = now;
        if (Failures >= limit)
        {
            LockedUntil = now + backoff[Math.Min(Lockouts, backoff.Count - 1)];
            Lockouts++;
            Failures = 0;
        }
    }

    /// <summary>
    /// Whether to e-mail about a lock now, from one address or from <paramref name="everywhere"/>: at most once every
    /// <paramref name="every"/>, except that a lock everywhere is told even after one from an address.
    /// </summary>
    public bool Tell(DateTime now, TimeSpan every, bool everywhere)
    {
        if ((everywhere ? ToldEverywhereAt : ToldAt) > now - every)
        {
            return false;
        }

        ToldAt = now;
        ToldEverywhereAt = everywhere ? now : ToldEverywhereAt;
        return true;
    }
}
