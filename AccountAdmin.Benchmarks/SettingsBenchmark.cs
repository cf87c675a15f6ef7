using System.Diagnostics;
using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Account settings at size on SQLite (issue 15): one account with 5,000 Call Agents, 200 access control groups and
/// 200 routing methods (one queue and one group hold every agent, the rest 25 each), 20 schedules. Times Bulk Add of
/// 1,000 users into a group and routing methods beside the same batch placed nowhere, with the commands each takes
/// (placing must add a fixed number); then leaves the database for bench.sh to time the settings pages over HTTP.
/// </summary>
internal static class SettingsBenchmark
{
    public const string AdminEmail = "settings.bench@bench.test";
    public const string Password = "Bench-Pass-2026!";

    public static async Task<int> RunAsync(string file)
    {
        var commands = new CommandCount();
        await using var provider = BenchServices.Over(file, commands);

        var now = DateTime.UtcNow;
        var agency = new Agency("Settings Bench Agency", now);
        var account = new Account(agency.Id, "Settings Bench Account", now);
        var admin = NewUser(AdminEmail, "Bench", "Admin", account.Id, now, new PasswordHasher<AppUser>().HashPassword(null!, Password));
        var agents = Enumerable.Range(0, 5_000).Select(i => NewUser($"agent{i}@bench.test", "Agent", $"User{i:D4}", account.Id, now, null)).ToList();
        var schedules = Enumerable.Range(0, 20).Select(i => new Schedule(account.Id, $"Schedule {i:D2}", "America/New_York", "Mon 09:00-12:00, 13:00-17:00; Tue 09:00-17:00; Wed 09:00-17:00")).ToList();
        var groups = Enumerable.Range(0, 200).Select(i => new AccessControlGroup(account.Id, $"Group {i:D3}")).ToList();
        var methods = Enumerable.Range(0, 200).Select(i => new RoutingMethod(account.Id, $"Routing {i:D3}", (RoutingKind)(i % 3 + 1))).ToList();
        var (bigQueue, bigGroup) = (methods.First(m => m.Kind == RoutingKind.Queue), groups[0]);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
            await DatabaseSetup.MigrateAsync(db);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Agencies.Add(agency);
            db.Accounts.Add(account);
            db.Users.AddRange([admin, .. agents]);
            db.Memberships.Add(new Membership(account.Id, admin, AccountRole.Administrator, now, null));
            db.Memberships.AddRange(agents.Select(a => new Membership(account.Id, a, AccountRole.CallAgent, now, null)));
            db.Schedules.AddRange(schedules);
            db.ScheduleAssignments.AddRange(agents.Select((a, i) => new ScheduleAssignment(account.Id, a.Id, schedules[i % schedules.Count].Id)));
            db.AccessControlGroups.AddRange(groups);
            db.RoutingMethods.AddRange(methods);
            db.AccessControlGroupMembers.AddRange(agents.Select(a => new AccessControlGroupMember(bigGroup.Id, a.Id)));
            db.RoutingAgents.AddRange(agents.Select((a, i) => new RoutingAgent(bigQueue.Id, a.Id, i)));
            for (var g = 1; g < 200; g++)
            {
                db.AccessControlGroupMembers.AddRange(agents.Skip(g * 25).Take(25).Select(a => new AccessControlGroupMember(groups[g].Id, a.Id)));
                db.RoutingAgents.AddRange(agents.Skip(g * 25).Take(25).Where(_ => methods[g] != bigQueue).Select((a, i) => new RoutingAgent(methods[g].Id, a.Id, i)));
            }

            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }

        var batch = 0;
        async Task<(double Ms, int Commands)> ApplyAsync(Guid? groupId, IReadOnlyList<Guid> routingIds)
        {
            batch++;
            var text = string.Join('\n', Enumerable.Range(0, 1_000).Select(i => $"b{batch}u{i}@bench.test,Bulk,User{i}"));
            await using var scope = provider.CreateAsyncScope();
            var bulk = scope.ServiceProvider.GetRequiredService<IBulkAdd>();
            commands.Reset();
            var clock = Stopwatch.StartNew();
            var applied = await bulk.ApplyAsync(admin.Id, account.Id, new BulkRequest(Guid.NewGuid(), text, AccountRole.CallAgent, false, groupId, routingIds));
            clock.Stop();
            if (!applied.Result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(", ", applied.Result.Errors.Select(e => e.Message)));
            }

            return (clock.Elapsed.TotalMilliseconds, commands.Value);
        }

        var nowhere = new List<(double Ms, int Commands)>();
        var placed = new List<(double Ms, int Commands)>();
        for (var i = 0; i < 6; i++)
        {
            nowhere.Add(await ApplyAsync(null, []));
            placed.Add(await ApplyAsync(bigGroup.Id, [bigQueue.Id, methods[4].Id, methods[5].Id]));
        }

        Row("Bulk Add of 1,000 agents, placed nowhere", nowhere.Skip(1).ToList());
        Row("the same into a group and 3 routing methods (a queue of 5,000+)", placed.Skip(1).ToList());
        Console.WriteLine($"account={account.Id}");
        Console.WriteLine($"queue={bigQueue.Id}");
        Console.WriteLine($"group={bigGroup.Id}");
        Console.WriteLine($"schedule={schedules[0].Id}");
        Console.WriteLine($"agent={agents[2_500].Id}");
        return 0;
    }

    private static void Row(string name, List<(double Ms, int Commands)> runs)
    {
        var times = runs.Select(r => r.Ms).Order().ToList();
        var counts = runs.Select(r => r.Commands).Distinct().Order();
        Console.WriteLine($"| {name} | {times[times.Count / 2]:F0} ms | {times[^1]:F0} ms | {string.Join("/", counts)} |");
    }

    private static AppUser NewUser(string email, string first, string last, Guid home, DateTime now, string? hash) =>
        new(email, first, last, now, home)
        {
            NormalizedEmail = email.ToUpperInvariant(),
            NormalizedUserName = email.ToUpperInvariant(),
            EmailConfirmed = true,
            LockoutEnabled = true,
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            SecurityStamp = Guid.NewGuid().ToString(),
            PasswordHash = hash,
        };
}
