using System.Diagnostics;
using System.Globalization;
using AccountAdmin.Core;
using AccountAdmin.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AccountAdmin.Tests.Core.Authorization;

/// <summary>
/// Authorization in general, not case by case: on a generated world, actors (each user as themselves, and users being
/// impersonated) run every Core command that changes access or a profile, against targets and account ids of both agencies
/// and unknown ones. Around each step the database is read whole; <see cref="WorldOracle"/> checks every change against
/// DESIGN.md's permission table, computed independently of Core.
/// </summary>
/// <remarks>
/// The full product (actors × commands × targets × account ids) is 20,000 to 40,000 draws: about two and a half minutes
/// an engine on two quiet cores. So the walk is one weighted shuffle of the whole product, of which each engine takes the
/// first <see cref="DefaultSteps"/> (5 s on SQLite and 7 s on PostgreSQL there, side by side; up to 25 s and 40 s on
/// a loaded machine): one evolving world, no reset between steps, each step judged against the snapshot taken just
/// before it. Both engines build the same world from the seed and walk the same draws. The default seed's walk meets,
/// within those steps, a user giving themselves a role with Show User, open when this test was written; seeds 37 and
/// 118 meet the same through Restore. ACCOUNTADMIN_WORLD_SEED replays another world; ACCOUNTADMIN_WORLD_STEPS walks
/// further (the whole product, given enough) or stops just after a failing step.
/// </remarks>
public abstract class GeneratedWorldTests(GeneratedWorldFixture fixture, ITestOutputHelper output)
{
    public const string SeedVariable = "ACCOUNTADMIN_WORLD_SEED";
    public const string StepsVariable = "ACCOUNTADMIN_WORLD_STEPS";
    private const int DefaultSeed = 102;
    private const int DefaultSteps = 500;

    internal sealed record Draw(WorldActor Actor, WorldCommand Command, Guid Target, Guid Account);

    private Task<WorldSnapshot> SnapshotAsync() => fixture.RunAsync(sp => WorldSnapshot.ReadAsync(sp.GetRequiredService<AccountAdminDbContext>()));

    [Fact]
    public async Task EveryChange_IsMadeByAnActorThePermissionTableAllows()
    {
        var seed = Setting(SeedVariable, DefaultSeed);
        var steps = Setting(StepsVariable, DefaultSteps);
        var clock = Stopwatch.StartNew();
        var world = await World.BuildAsync(fixture, seed);
        var before = await SnapshotAsync();
        var random = new Random(seed);
        var walk = Walk(world, before, random);
        var log = new WalkLog(world, seed);
        var built = clock.Elapsed;

        for (var step = 0; step < steps; step++)
        {
            var draw = walk[step % walk.Count];
            var attempt = draw.Command.Prepare(new StepInput(world, before, draw.Actor, draw.Target, draw.Account, step, random));
            var (result, outcome) = await RunAsync(draw.Actor, attempt);
            var after = await SnapshotAsync();
            world.Learn(after);
            log.Record(step, draw, attempt, result, outcome, before, after);
            before = after;
        }

        output.WriteLine($"{fixture.Provider}, seed {seed}: {world.Accounts.Count} accounts, {world.Users.Count} users, {world.Actors.Count} actors "
            + $"({world.Actors.Count(a => a.Impersonated)} impersonated), built in {built.TotalSeconds:0.0} s; {steps} of {walk.Count} draws "
            + $"walked in {(clock.Elapsed - built).TotalSeconds:0.0} s.");
        log.WriteTo(output, before);
        Assert.True(log.Violations.Count == 0, log.Failure(fixture.Provider));
    }

    /// <summary>Runs one command as the actor, in a scope of its own; an exception is an answer too, and no way to refuse.</summary>
    private async Task<(CommandResult? Result, string Outcome)> RunAsync(WorldActor actor, Attempt attempt)
    {
        try
        {
            await using var scope = fixture.NewScope();
            scope.ServiceProvider.GetRequiredService<TestActor>().Become(actor);
            var result = await attempt.RunAsync(scope.ServiceProvider);
            return (result, result.Status + (result.Errors.Count > 0 ? $" ({string.Join(", ", result.Errors.Select(e => e.Code))})" : ""));
        }
        catch (Exception e)
        {
            return (null, $"threw {e.GetType().Name}: {e.Message}");
        }
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>
    /// Every draw of the product once, in a weighted random order: keys U^(1/w), largest first, so that a prefix is a weighted
    /// sample without replacement and the whole list is still every draw. Favoured, by the world as built: actors who manage
    /// users somewhere; targets who are the actor, who can do more than the actor where the actor manages users, or who share
    /// an account with them; accounts where the actor manages users.
    /// </summary>
    private static List<Draw> Walk(World world, WorldSnapshot start, Random random)
    {
        var targets = world.Users.Append(world.Unknown).ToList();
        var accounts = world.Accounts.Append(world.Unknown).ToList();
        var keyed = new List<(double Key, Draw Draw)>();
        foreach (var actor in world.Actors)
        {
            HashSet<Guid> mine = actor.ConfinedTo is { } only ? [only] : [.. start.Places(actor.UserId)];
            var near = start.Users.Keys.Where(u => start.Places(u).Any(mine.Contains)).ToHashSet();
            var manages = world.Accounts.Where(a => start.ActorCan(actor, a).HasFlag(Can.ManageUsers)).ToList();
            var above = start.Users.Keys.Where(u => manages.Any(a => !start.ActorCan(actor, a).Covers(start.Potential(u, a)))).ToHashSet();
            var who = manages.Count > 0 ? 2.0 : 1.0;
            foreach (var command in WorldCommands.All)
            {
                foreach (var target in targets)
                {
                    var towards = target == actor.UserId ? 4.0 : above.Contains(target) ? 3.0 : near.Contains(target) ? 2.0
                        : target == world.Unknown ? 0.5 : 1.0;
                    foreach (var account in accounts)
                    {
                        var where = start.ActorCan(actor, account).HasFlag(Can.ManageUsers) ? 6.0
                            : mine.Contains(account) ? 2.0 : account == world.Unknown ? 0.5 : 1.0;
                        keyed.Add((Math.Pow(random.NextDouble(), 1 / (who * towards * where)), new Draw(actor, command, target, account)));
                    }
                }
            }
        }

        return keyed.OrderByDescending(k => k.Key).Select(k => k.Draw).ToList();
    }
}

/// <summary>What a walk found: the violations with the step that made each, and how each command answered.</summary>
internal sealed class WalkLog(World world, int seed)
{
    private const int Reported = 25;

    private readonly Dictionary<string, Dictionary<string, int>> answers = WorldCommands.All.ToDictionary(c => c.Name, _ => new Dictionary<string, int>());

    public List<string> Violations { get; } = [];

    public void Record(
        int step, GeneratedWorldTests.Draw draw, Attempt attempt, CommandResult? result, string outcome, WorldSnapshot before, WorldSnapshot after)
    {
        var answer = result is null ? "threw" : result.Status + string.Concat(result.Errors.Take(1).Select(e => " " + e.Code));
        answers[draw.Command.Name][answer] = answers[draw.Command.Name].GetValueOrDefault(answer) + 1;

        var findings = WorldOracle.Judge(before, after, draw.Actor, attempt.IssuedIn, result?.Succeeded == true).ToList();
        if (result is null)
        {
            findings.Add(new($"Core threw instead of answering: {outcome}"));
        }

        foreach (var finding in findings)
        {
            var text = world.Readable(
                $"seed {seed}, step {step}: {world.Describe(before, draw.Actor)} — {draw.Command.Name}: {attempt.Description} → {outcome}\n"
                + $"    {finding.Text}\n"
                + $"    target before: {world.Describe(before, draw.Target)}\n"
                + $"    changes: {string.Join("; ", before.Differences(after))}");
            Violations.Add(text);
        }
    }

    public void WriteTo(ITestOutputHelper output, WorldSnapshot last)
    {
        output.WriteLine("At the end: " + world.Readable(world.DescribeAccounts(last)));
        output.WriteLine("Actors: " + string.Join("; ", world.Actors.Select(a => a.Label)));
        foreach (var (name, counts) in answers)
        {
            output.WriteLine($"  {name}: {string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"))}");
        }
    }

    public string Failure(DatabaseProvider provider) =>
        $"{Violations.Count} changes the permission table does not allow ({provider}; replay with {GeneratedWorldTests.SeedVariable}={seed}"
        + $" and {GeneratedWorldTests.StepsVariable}=<step + 1>):\n" + string.Join("\n", Violations.Take(Reported))
        + (Violations.Count > Reported ? $"\n… and {Violations.Count - Reported} more" : "");
}

[Collection(GeneratedWorldSqliteCollection.Name)]
public sealed class GeneratedWorldSqliteTests(GeneratedWorldSqlite fixture, ITestOutputHelper output) : GeneratedWorldTests(fixture, output);

[Collection(GeneratedWorldPostgresCollection.Name)]
public sealed class GeneratedWorldPostgresTests(GeneratedWorldPostgres fixture, ITestOutputHelper output) : GeneratedWorldTests(fixture, output);
