using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Sign-ins per second against a running portal, as browsers make them: 16 at a time, each a fresh browser (no cookies)
/// that loads /login and posts the form, then for a user with an authenticator app loads the code page and posts the
/// code (computed from the user's key). Every user signs in once, so no code is ever used twice. Set against the rate
/// at which this machine's cores verify the password hash, the one costly step of a sign-in.
/// </summary>
internal static partial class SignInBenchmark
{
    private const string Password = "Bench-Pass-2026!";
    private const int Connections = 16;

    public static async Task<int> RunAsync(string file, string baseUrl, int seconds)
    {
        var users = (seconds + 50) * 45;
        var (hash, withPassword, withCode) = await SeedAsync(file, users);
        var hashRate = HashRate(hash, TimeSpan.FromSeconds(8));
        Console.WriteLine($"| password hash verified on {Environment.ProcessorCount} cores, the server idle | {hashRate:F1} hashes/s | {1000.0 * Environment.ProcessorCount / hashRate:F1} ms per hash per core | |");

        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = Connections })
        {
            BaseAddress = new Uri(baseUrl),
        };
        try
        {
            // The runtime's tiered JIT (and its profile-guided recompiles) take a minute and more of load to settle, on a
            // thread that competes with the hashing: measure the server it becomes.
            await MeasureAsync(http, withPassword, TimeSpan.FromSeconds(45));
            await MeasureAsync(http, withCode, TimeSpan.FromSeconds(45));
            foreach (var (name, queue) in new[] { ("password", withPassword), ("password and authenticator code", withCode) })
            {
                var (rate, p50, p99) = await MeasureAsync(http, queue, TimeSpan.FromSeconds(seconds));
                Console.WriteLine($"| sign-in with {name}, {Connections} connections | {rate:F1} sign-ins/s | p50 {p50:F0} ms, p99 {p99:F0} ms | {100 * rate / hashRate:F0}% of the hash rate |");
            }
        }
        catch (BenchmarkFailure e)
        {
            Console.Error.WriteLine($"signin: {e.Message}");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// Users with one password (its hash made once, as Identity makes it) who may sign in: half with only the password,
    /// half with an authenticator app too, each with its key.
    /// </summary>
    private static async Task<(string Hash, ConcurrentQueue<(string, string?)> WithPassword, ConcurrentQueue<(string, string?)> WithCode)> SeedAsync(
        string file, int count)
    {
        await using var provider = BenchServices.Over(file, fresh: false);
        await using var scope = provider.CreateAsyncScope();
        var provisioning = scope.ServiceProvider.GetRequiredService<ProvisioningService>();
        var identity = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
        var account = await provisioning.EnsureAccountAsync(await provisioning.EnsureAgencyAsync("Bench Agency"), "Bench Sign-ins");
        var run = Guid.NewGuid().ToString("N")[..8];
        var withPassword = new ConcurrentQueue<(string, string?)>();
        var withCode = new ConcurrentQueue<(string, string?)>();
        string? hash = null;
        for (var i = 0; i < 2 * count; i++)
        {
            var email = $"signin.{run}.{i}@bench.test";
            var user = await provisioning.EnsureUserAsync(email, "Sign", $"In{i}", hash is null ? Password : null, account.Id);
            await provisioning.EnsureMembershipAsync(account, user, AccountRole.CallAgent);
            hash ??= user.PasswordHash!;
            user.PasswordHash = hash;
            if (i % 2 == 0)
            {
                await identity.UpdateAsync(user);
                withPassword.Enqueue((email, null));
            }
            else
            {
                await identity.ResetAuthenticatorKeyAsync(user);
                await identity.SetTwoFactorEnabledAsync(user, true);
                withCode.Enqueue((email, await identity.GetAuthenticatorKeyAsync(user)));
            }

            db.ChangeTracker.Clear();
        }

        return (hash!, withPassword, withCode);
    }

    /// <summary>Verifications of <paramref name="hash"/> per second with every core verifying.</summary>
    private static double HashRate(string hash, TimeSpan duration)
    {
        var hasher = new PasswordHasher<AppUser>();
        var user = new AppUser("hash@bench.test", "Hash", "Rate", DateTime.UtcNow, null);
        var done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            while (clock.Elapsed < duration)
            {
                if (hasher.VerifyHashedPassword(user, hash, Password) != PasswordVerificationResult.Success)
                {
                    throw new BenchmarkFailure("the seeded hash does not verify");
                }

                Interlocked.Increment(ref done);
            }
        });
        return done / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, double P50, double P99)> MeasureAsync(
        HttpClient http, ConcurrentQueue<(string Email, string? Key)> users, TimeSpan duration)
    {
        var timings = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                if (!users.TryDequeue(out var user))
                {
                    throw new BenchmarkFailure("ran out of users who have not signed in yet");
                }

                var started = clock.Elapsed;
                await SignInAsync(http, user.Email, user.Key);
                timings.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var sorted = timings.Order().ToList();
        return (sorted.Count / elapsed, sorted[sorted.Count / 2], sorted[(int)(sorted.Count * 0.99)]);
    }

    /// <summary>A fresh browser signing in; anything but arriving signed in stops the run.</summary>
    private static async Task SignInAsync(HttpClient http, string email, string? key)
    {
        var cookies = new Dictionary<string, string>();
        var token = await FormTokenAsync(http, "/login", cookies);
        var location = await PostAsync(http, "/login", cookies, new()
        {
            ["__RequestVerificationToken"] = token,
            ["Input.SignInName"] = email,
            ["Input.Password"] = Password,
        });
        if (key is not null)
        {
            if (!location.StartsWith("/login/two-factor", StringComparison.Ordinal))
            {
                throw new BenchmarkFailure($"{email}'s password led to {location}, not to the code page");
            }

            token = await FormTokenAsync(http, location, cookies);
            location = await PostAsync(http, location, cookies, new()
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Code"] = Totp.Now(key),
            });
        }

        if (location.StartsWith("/login", StringComparison.Ordinal) || !cookies.ContainsKey("AccountAdmin.Session"))
        {
            throw new BenchmarkFailure($"{email}'s sign-in led to {location} without a session");
        }
    }

    private static async Task<string> FormTokenAsync(HttpClient http, string path, Dictionary<string, string> cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(http, request, cookies);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && TokenPattern().Match(body) is { Success: true } match
            ? match.Groups[1].Value
            : throw new BenchmarkFailure($"GET {path} answered {(int)response.StatusCode} without a form");
    }

    private static async Task<string> PostAsync(HttpClient http, string path, Dictionary<string, string> cookies, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        using var response = await SendAsync(http, request, cookies);
        return response.StatusCode == HttpStatusCode.Redirect
            ? response.Headers.Location!.OriginalString
            : throw new BenchmarkFailure($"POST {path} answered {(int)response.StatusCode}, not a redirect");
    }

    /// <summary>Sends with the browser's cookies and keeps what the answer sets (the connection pool is shared, the cookies are not).</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, Dictionary<string, string> cookies)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';', 2)[0].Split('=', 2);
            if (header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                cookies.Remove(pair[0]);
            }
            else
            {
                cookies[pair[0]] = pair[1];
            }
        }

        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
