using System.Diagnostics;
using AccountAdmin.Core;
using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Server time of New User with an invitation: the Core call a POST makes, timed one user at a time.</summary>
internal static class CreateUserBenchmark
{
    public static async Task<int> RunAsync(string file, int count)
    {
        await using var provider = BenchServices.Over(file);

        Guid accountId, ownerId;
        await using (var scope = provider.CreateAsyncScope())
        {
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>());
            var provisioning = scope.ServiceProvider.GetRequiredService<ProvisioningService>();
            var account = await provisioning.EnsureAccountAsync(await provisioning.EnsureAgencyAsync("Bench Agency"), "Bench Account");
            var owner = await provisioning.EnsureUserAsync("bench.owner@bench.test", "Ada", "Owner", "Bench-Pass-2026!", account.Id);
            await provisioning.EnsureMembershipAsync(account, owner, AccountRole.Owner);
            (accountId, ownerId) = (account.Id, owner.Id);
        }

        var timings = new List<double>();
        for (var i = 0; i < count + 50; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            var creation = scope.ServiceProvider.GetRequiredService<IUserCreation>();
            var clock = Stopwatch.StartNew();
            var outcome = await creation.CreateAsync(ownerId, accountId, new NewUser($"invitee{i}@bench.test", "Invited", $"User{i}", AccountRole.CallAgent));
            clock.Stop();
            if (!outcome.Result.Succeeded)
            {
                Console.Error.WriteLine($"create {i} failed: {string.Join(", ", outcome.Result.Errors.Select(e => e.Message))}");
                return 1;
            }

            if (i >= 50)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        Console.WriteLine($"| New User with invitation, the Core call ({count} users) | p50 {timings[count / 2]:F1} ms | p99 {timings[(int)(count * 0.99)]:F1} ms |");
        return 0;
    }
}
