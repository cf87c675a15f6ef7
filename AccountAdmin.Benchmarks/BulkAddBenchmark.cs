using System.Data.Common;
using System.Diagnostics;
using AccountAdmin.Core;
using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Server time of Bulk Add's Core calls on SQLite, behind a database that already holds 20,000 users: previewing and
/// applying 1,000 lines, applying 10,000, and the database commands each takes (which must not grow with the lines).
/// </summary>
internal static class BulkAddBenchmark
{
    public static async Task<int> RunAsync(string file)
    {
        var commands = new CommandCount();
        await using var provider = BenchServices.Over(file, commands);

        Guid accountId, otherId, ownerId;
        await using (var scope = provider.CreateAsyncScope())
        {
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>());
            var provisioning = scope.ServiceProvider.GetRequiredService<ProvisioningService>();
            var agency = await provisioning.EnsureAgencyAsync("Bench Agency");
            var account = await provisioning.EnsureAccountAsync(agency, "Bench Account");
            var other = await provisioning.EnsureAccountAsync(agency, "Other Account");
            var owner = await provisioning.EnsureUserAsync("bench.owner@bench.test", "Ada", "Owner", "Bench-Pass-2026!", account.Id);
            await provisioning.EnsureMembershipAsync(account, owner, AccountRole.Owner);
            await provisioning.EnsureMembershipAsync(other, owner, AccountRole.Owner);
            (accountId, otherId, ownerId) = (account.Id, other.Id, owner.Id);
        }

        var batch = 0;
        string Lines(int count, int existing = 0) =>
            string.Join('\n', Enumerable.Range(0, count).Select(i => i < existing
                ? $"existing{i}@bench.test,Existing,User{i}"
                : $"b{batch}u{i}@bench.test,Bulk,User{i}"));

        async Task<(double Ms, int Commands, T Result)> TimeAsync<T>(Func<IBulkAdd, Task<T>> call)
        {
            await using var scope = provider.CreateAsyncScope();
            var bulk = scope.ServiceProvider.GetRequiredService<IBulkAdd>();
            commands.Reset();
            var clock = Stopwatch.StartNew();
            var result = await call(bulk);
            clock.Stop();
            return (clock.Elapsed.TotalMilliseconds, commands.Value, result);
        }

        async Task<(double Ms, int Commands)> ApplyAsync(Guid account, int count, int existing = 0)
        {
            batch++;
            var text = Lines(count, existing);
            var (ms, used, applied) = await TimeAsync(b => b.ApplyAsync(ownerId, account, new BulkRequest(Guid.NewGuid(), text, AccountRole.CallAgent, true)));
            if (!applied.Result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(", ", applied.Result.Errors.Select(e => e.Message)));
            }

            return (ms, used);
        }

        // 20,000 users already there, 1,000 of them the "existing" lines below, in another account of the agency.
        await ApplyAsync(otherId, 10_000, existing: 1_000);
        await ApplyAsync(otherId, 10_000);

        var previews = new List<(double Ms, int Commands)>();
        for (var i = 0; i < 23; i++)
        {
            batch++;
            var text = Lines(1_000, existing: 200);
            var (ms, used, preview) = await TimeAsync(b => b.PreviewAsync(ownerId, accountId, text, AccountRole.CallAgent));
            if (preview.Count(BulkOutcome.GrantAccess) != 200 || preview.Count(BulkOutcome.NewUser) != 800)
            {
                throw new InvalidOperationException("The preview did not see the existing users.");
            }

            previews.Add((ms, used));
        }

        var applies = new List<(double Ms, int Commands)>();
        for (var i = 0; i < 13; i++)
        {
            applies.Add(await ApplyAsync(accountId, 1_000));
        }

        var large = new List<(double Ms, int Commands)>();
        for (var i = 0; i < 3; i++)
        {
            large.Add(await ApplyAsync(accountId, 10_000));
        }

        var small = await ApplyAsync(accountId, 10);
        Row("preview, 1,000 lines (800 new, 200 existing)", previews.Skip(3).ToList(), "300 ms");
        Row("apply, 1,000 new users with invitations", applies.Skip(3).ToList(), "1 s");
        Row("apply, 10,000 new users with invitations", large, "10 s");
        Row("apply, 10 new users with invitations", [small], "-");
        return 0;
    }

    private static void Row(string name, List<(double Ms, int Commands)> runs, string target)
    {
        var times = runs.Select(r => r.Ms).Order().ToList();
        var counts = runs.Select(r => r.Commands).Distinct().Order();
        Console.WriteLine($"| {name} | {times[times.Count / 2]:F0} ms | {times[^1]:F0} ms | {string.Join("/", counts)} | {target} |");
    }
}
