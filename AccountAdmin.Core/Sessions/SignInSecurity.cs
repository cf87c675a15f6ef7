using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Sessions;

/// <summary>How a sign-in attempt went: the user when the password was right, else why not, in words that name nobody.</summary>
public sealed record SignInAttempt(AppUser? User, bool LockedOut)
{
    public bool Succeeded => User is not null;
}

/// <summary>Limits on guessing passwords (section "SignIn"); the README's "Sign-in limits" gives the trade-offs.</summary>
public sealed class SignInLimits
{
    public const string Section = "SignIn";

    /// <summary>Wrong passwords for one sign-in name from one address before that pair locks.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000, ErrorMessage = "SignIn:FailuresPerAddress must be 1 to 1,000.")]
    public int FailuresPerAddress { get; set; } = 5;

    /// <summary>Wrong passwords for one sign-in name from anywhere before it locks for every address.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000, ErrorMessage = "SignIn:FailuresPerName must be 1 to 10,000.")]
    public int FailuresPerName { get; set; } = 20;

    /// <summary>How long each successive lock lasts; the last repeats.</summary>
    public IReadOnlyList<TimeSpan> Backoff { get; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];
}

public interface ISignInSecurity
{
    /// <summary>
    /// Checks a password for a sign-in name (e-mail or username) from <paramref name="clientIp"/>, counting failures for the
    /// name from that address and from anywhere. A name nobody has is counted, refused and timed exactly like a real one,
    /// locked or not; a right password during a lock is refused too. A success clears the counts.
    /// </summary>
    Task<SignInAttempt> AttemptAsync(string signInName, string password, string? clientIp, CancellationToken cancellationToken = default);

    /// <summary>Clears every count for the user's names: after a password reset or a second factor proves who they are.</summary>
    Task ClearAsync(AppUser user, CancellationToken cancellationToken = default);

    /// <summary>Whether the sign-in name is locked for <paramref name="clientIp"/>: the second step refuses even a right code then.</summary>
    Task<bool> IsLockedAsync(string signInName, string? clientIp, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a wrong second factor (a code or recovery code) against the sign-in name it followed, exactly as a wrong password
    /// counts; whether that locked it.
    /// </summary>
    Task<bool> FailAsync(string signInName, string? clientIp, CancellationToken cancellationToken = default);
}

public sealed class SignInSecurity(
    AccountAdminDbContext db, ISessionService sessions, IPasswordHasher<AppUser> hasher, ILookupNormalizer normalizer, SignInLimits limits,
    TimeProvider clock, EmailOutbox outbox, EmailTemplates templates)
    : ISignInSecurity
{
    // A hash to check against when there is no such user, so that a refusal takes as long either way.
    private static string? decoy;

    public async Task<SignInAttempt> AttemptAsync(string signInName, string password, string? clientIp, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = Keys(signInName, clientIp);
        var user = await sessions.FindBySignInNameAsync(signInName, cancellationToken);
        var throttles = await db.SignInThrottles.Where(t => keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, cancellationToken);
        var locked = throttles.Values.Any(t => t.IsLocked(now));

        // Every attempt checks one hash, whoever the name belongs to and whether or not it is locked.
        var usable = user is { ArchivedAt: null, PasswordHash: not null };
        var right = usable
            ? hasher.VerifyHashedPassword(user!, user!.PasswordHash!, password) != PasswordVerificationResult.Failed
            : Decoy(password);
        if (locked)
        {
            return new SignInAttempt(null, LockedOut: true);
        }

        if (right && usable)
        {
            // A set-based delete: a failure counted meanwhile by another attempt can't make this sign-in fail.
            await db.SignInThrottles.Where(t => keys.Contains(t.Key)).ExecuteDeleteAsync(cancellationToken);
            return new SignInAttempt(user, LockedOut: false);
        }

        return new SignInAttempt(null, await CountFailureAsync(throttles, keys, now, usable ? user : null, clientIp, cancellationToken));
    }

    public async Task<bool> IsLockedAsync(string signInName, string? clientIp, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = Keys(signInName, clientIp);
        var throttles = await db.SignInThrottles.AsNoTracking().Where(t => keys.Contains(t.Key)).ToListAsync(cancellationToken);
        return throttles.Any(t => t.IsLocked(now));
    }

    public async Task<bool> FailAsync(string signInName, string? clientIp, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = Keys(signInName, clientIp);
        var throttles = await db.SignInThrottles.Where(t => keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, cancellationToken);
        var user = await sessions.FindBySignInNameAsync(signInName, cancellationToken);
        return await CountFailureAsync(throttles, keys, now, user is { ArchivedAt: null } ? user : null, clientIp, cancellationToken);
    }

    /// <summary>
    /// Counts one failure for the name from the address and from anywhere; whether either is locked now. The failure that
    /// locks it e-mails the user the name belongs to, if any, in the same save (the page says the same either way), but at
    /// most once an hour (and once more for a lock everywhere): guesses spread over many addresses lock one address after another.
    /// </summary>
    private async Task<bool> CountFailureAsync(
        Dictionary<string, SignInThrottle> throttles, string[] keys, DateTime now, AppUser? user, string? clientIp, CancellationToken cancellationToken)
    {
        // Attempts at the same moment each read the same counts: the first save wins (the counts are concurrency tokens,
        // the keys unique), and the others count again on what it wrote, so parallel guesses are each counted once.
        for (var attempt = 1; ; attempt++)
        {
            var (lockedHere, saved) = await TryCountFailureAsync(throttles, keys, now, user, clientIp, cancellationToken);
            if (saved || attempt == 5)
            {
                return lockedHere;
            }

            throttles = await db.SignInThrottles.Where(t => keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, cancellationToken);
        }
    }

    private async Task<(bool LockedHere, bool Saved)> TryCountFailureAsync(
        Dictionary<string, SignInThrottle> throttles, string[] keys, DateTime now, AppUser? user, string? clientIp, CancellationToken cancellationToken)
    {
        var wasLocked = throttles.Values.Any(t => t.IsLocked(now));
        var perAddress = Fail(throttles, keys[1], now, limits.FailuresPerAddress);
        var perName = Fail(throttles, keys[0], now, limits.FailuresPerName);
        var lockedHere = perAddress.IsLocked(now) || perName.IsLocked(now);
        var everywhere = perName.IsLocked(now);
        if (!wasLocked && lockedHere && user?.Email is { } email && perName.Tell(now, TimeSpan.FromHours(1), everywhere))
        {
            var until = everywhere ? perName.LockedUntil!.Value : perAddress.LockedUntil!.Value;
            var (subject, text, html) = templates.SignInLocked(user, everywhere ? null : clientIp, until - now);
            outbox.Enqueue(email, subject, text, html);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (lockedHere, true);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (lockedHere, false);
        }
    }

    public async Task ClearAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        var names = new[] { user.Email, user.UserName }.OfType<string>().Select(NameKey).Distinct().ToList();
        foreach (var name in names)
        {
            var prefix = name + "|";
            await db.SignInThrottles.Where(t => t.Key == name || t.Key.StartsWith(prefix)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private SignInThrottle Fail(Dictionary<string, SignInThrottle> throttles, string key, DateTime now, int limit)
    {
        if (!throttles.TryGetValue(key, out var throttle))
        {
            throttle = new SignInThrottle(key);
            db.SignInThrottles.Add(throttle);
        }

        throttle.Fail(now, limit, limits.Backoff);
        return throttle;
    }

    /// <summary>The name's count from anywhere, then its count from this address.</summary>
    private string[] Keys(string signInName, string? clientIp)
    {
        var name = NameKey(signInName);
        return [name, $"{name}|{clientIp}"];
    }

    private string NameKey(string signInName)
    {
        var name = normalizer.NormalizeName(signInName.Trim()) ?? "";
        return name.Length > 300 ? name[..300] : name;
    }

    private bool Decoy(string password)
    {
        var stranger = new AppUser();
        decoy ??= hasher.HashPassword(stranger, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(stranger, decoy, password);
        return false;
    }
}
