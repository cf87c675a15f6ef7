using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountAdmin.Tests.Core.Sessions;

public abstract class SignInSecurityTests(CoreFixture fixture)
{
    private const string Wrong = "Not-The-Password-1";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Counts the hashes checked, which is what a refusal's time is made of.</summary>
    private sealed class CountingHasher(IPasswordHasher<AppUser> inner) : IPasswordHasher<AppUser>
    {
        public int Verified { get; private set; }

        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Verified++;
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private async Task<(SignInAttempt Attempt, int Hashes)> AttemptAsync(string name, string password, string ip = "198.51.100.7")
    {
        await using var scope = fixture.NewScope();
        var sp = scope.ServiceProvider;
        var hasher = new CountingHasher(sp.GetRequiredService<IPasswordHasher<AppUser>>());
        var security = new SignInSecurity(
            sp.GetRequiredService<AccountAdminDbContext>(), sp.GetRequiredService<ISessionService>(), hasher,
            sp.GetRequiredService<ILookupNormalizer>(), new SignInLimits(), clock,
            sp.GetRequiredService<AccountAdmin.Core.Email.EmailOutbox>(), sp.GetRequiredService<AccountAdmin.Core.Email.EmailTemplates>());
        return (await security.AttemptAsync(name, password, ip), hasher.Verified);
    }

    private Task<AppUser> UserAsync() => fixture.WithDataAsync(data => data.UserAsync("signin"));

    [Fact]
    public async Task TheRightPassword_SignsIn_AndEveryAttemptChecksExactlyOneHash()
    {
        var user = await UserAsync();

        var right = await AttemptAsync(user.Email!, TestData.Password);
        var wrong = await AttemptAsync(user.Email!, Wrong);
        var nobody = await AttemptAsync($"nobody-{Guid.NewGuid():N}@test.example", Wrong);

        Assert.Equal(user.Id, right.Attempt.User!.Id);
        Assert.Equal((false, false), (wrong.Attempt.Succeeded, wrong.Attempt.LockedOut));
        Assert.Equal((false, false), (nobody.Attempt.Succeeded, nobody.Attempt.LockedOut));
        Assert.Equal([1, 1, 1], new[] { right.Hashes, wrong.Hashes, nobody.Hashes });
    }

    [Fact]
    public async Task ANameNobodyHas_LocksAfterFiveFailures_ExactlyLikeARealOne()
    {
        var user = await UserAsync();
        var nobody = $"nobody-{Guid.NewGuid():N}@test.example";

        var real = new List<SignInAttempt>();
        var made = new List<SignInAttempt>();
        for (var i = 0; i < 7; i++)
        {
            real.Add((await AttemptAsync(user.Email!, Wrong)).Attempt);
            made.Add((await AttemptAsync(nobody, Wrong)).Attempt);
        }

        var whileLocked = await AttemptAsync(user.Email!, TestData.Password);

        Assert.Equal(real.Select(a => a.LockedOut), made.Select(a => a.LockedOut));
        Assert.Equal([false, false, false, false, true, true, true], real.Select(a => a.LockedOut));
        Assert.True(whileLocked.Attempt.LockedOut);
        Assert.Null(whileLocked.Attempt.User);
        Assert.Equal(1, whileLocked.Hashes);
    }

    [Fact]
    public async Task TheFailureThatLocks_EMailsTheUserOnce_WithTheAddressAndHowLong_AndANameNobodyHasEMailsNobody()
    {
        var user = await UserAsync();
        var nobody = $"nobody-{Guid.NewGuid():N}@test.example";

        for (var i = 0; i < 8; i++)
        {
            await AttemptAsync(user.Email!, Wrong);
            await AttemptAsync(nobody, Wrong);
        }

        var sent = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().OutboxMessages
            .Where(m => m.To == user.Email || m.To == nobody).ToListAsync());
        var locked = Assert.Single(sent);
        Assert.Equal(user.Email, locked.To);
        Assert.Equal("Signing in to AccountAdmin is locked for a while", locked.Subject);
        Assert.Contains("from the address 198.51.100.7", locked.TextBody);
        Assert.Contains("locked for 1 minute.", locked.TextBody);
        Assert.Contains("/forgot-password", locked.TextBody);
    }

    [Fact]
    public async Task GuessesFromManyAddresses_EMailTheUserOnceForTheFirstLock_OnceWhenLockedEverywhere_AndThenAtMostHourly()
    {
        var user = await UserAsync();
        Task<List<string>> SentAsync() => fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().OutboxMessages
            .Where(m => m.To == user.Email).OrderBy(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync());
        async Task GuessAsync(int addresses, int from)
        {
            for (var address = from; address < from + addresses; address++)
            {
                for (var i = 0; i < 5; i++)
                {
                    await AttemptAsync(user.Email!, Wrong, $"203.0.113.{address}");
                }
            }
        }

        await GuessAsync(addresses: 4, from: 1);
        var firstLocks = await SentAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        await GuessAsync(addresses: 4, from: 11);
        var withinTheHour = await SentAsync();
        clock.Advance(TimeSpan.FromMinutes(61));
        await GuessAsync(addresses: 1, from: 21);

        Assert.Equal(2, firstLocks.Count);
        Assert.Contains("from the address 203.0.113.1, so signing in with it from that address is locked for 1 minute. Elsewhere you can still sign in.", firstLocks[0]);
        Assert.Contains("from several addresses, so signing in with it is locked everywhere for 1 minute.", firstLocks[1]);
        Assert.Equal(2, withinTheHour.Count);
        var sent = await SentAsync();
        Assert.Equal(3, sent.Count);
        Assert.Contains("from the address 203.0.113.21", sent[2]);
    }

    [Fact]
    public async Task ASuccess_ClearsTheCounts_SoTheNextLockIsShortAgain()
    {
        var user = await UserAsync();
        var lengths = new List<TimeSpan>();
        for (var lockout = 0; lockout < 4; lockout++)
        {
            for (var i = 0; i < 5; i++)
            {
                await AttemptAsync(user.Email!, Wrong);
            }

            var started = clock.GetUtcNow();
            while ((await AttemptAsync(user.Email!, TestData.Password)).Attempt.LockedOut)
            {
                clock.Advance(TimeSpan.FromSeconds(30));
            }

            lengths.Add(clock.GetUtcNow() - started);
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)], lengths);
    }

    [Fact]
    public async Task RepeatedLocks_WithoutASuccess_GrowFromOneToFiveToFifteenMinutes()
    {
        var user = await UserAsync();
        var lengths = new List<TimeSpan>();
        for (var lockout = 0; lockout < 4; lockout++)
        {
            for (var i = 0; i < 5; i++)
            {
                await AttemptAsync(user.Email!, Wrong);
            }

            var started = clock.GetUtcNow();
            while ((await AttemptAsync(user.Email!, Wrong)).Attempt.LockedOut)
            {
                clock.Advance(TimeSpan.FromSeconds(30));
            }

            lengths.Add(clock.GetUtcNow() - started);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)], lengths);
    }

    [Fact]
    public async Task GuessesSentAllAtOnce_AreEachCounted_SoTheyLockAsSoonAsOneByOne_AndTheUserIsToldOnce()
    {
        var user = await UserAsync();

        var guesses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => AttemptAsync(user.Email!, Wrong, "203.0.113.9"))));
        var right = await AttemptAsync(user.Email!, TestData.Password, "203.0.113.9");

        Assert.All(guesses, g => Assert.False(g.Attempt.Succeeded));
        Assert.True(right.Attempt.LockedOut);
        Assert.Null(right.Attempt.User);
        Assert.Equal(1, await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().OutboxMessages
            .CountAsync(m => m.To == user.Email && m.Subject == AccountAdmin.Core.Email.EmailTemplates.SignInLockedSubject)));
    }

    [Fact]
    public async Task FailuresFromOneAddress_DoNotLockTheUserOutElsewhere_UntilTheNameItselfHasTooMany()
    {
        var user = await UserAsync();
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync(user.Email!, Wrong, "203.0.113.1");
        }

        var attacker = await AttemptAsync(user.Email!, TestData.Password, "203.0.113.1");
        var owner = await AttemptAsync(user.Email!, TestData.Password, "192.0.2.44");
        for (var address = 0; address < 20; address++)
        {
            await AttemptAsync(user.Email!, Wrong, $"203.0.113.{100 + address}");
        }

        var distributed = await AttemptAsync(user.Email!, TestData.Password, "192.0.2.44");

        Assert.True(attacker.Attempt.LockedOut);
        Assert.Equal(user.Id, owner.Attempt.User!.Id);
        Assert.True(distributed.Attempt.LockedOut);
    }

    [Fact]
    public async Task SettingANewPasswordFromALink_ClearsTheLock()
    {
        var user = await UserAsync();
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync(user.Email!, Wrong);
        }

        var locked = (await AttemptAsync(user.Email!, TestData.Password)).Attempt;
        var set = await fixture.RunAsync(async sp =>
        {
            var invitations = sp.GetRequiredService<AccountAdmin.Core.Invitations.IInvitationService>();
            var link = await invitations.CreateLinkAsync((await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(user.Id.ToString()))!);
            return await invitations.SetPasswordAsync(link[(link.LastIndexOf('/') + 1)..], "Brand-New-Pass-2026!");
        });
        var throttles = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().SignInThrottles
            .CountAsync(t => t.Key.StartsWith(user.Email!.ToUpperInvariant())));

        Assert.True(locked.LockedOut);
        Assert.True(set.Succeeded);
        Assert.Equal(0, throttles);
        Assert.Equal(user.Id, (await AttemptAsync(user.Email!, "Brand-New-Pass-2026!")).Attempt.User!.Id);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class SignInSecuritySqliteTests(SqliteCore fixture) : SignInSecurityTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class SignInSecurityPostgresTests(PostgresCore fixture) : SignInSecurityTests(fixture);
