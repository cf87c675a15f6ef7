using System.Diagnostics;
using AccountAdmin.Core;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Divisions on SQLite at size: one division of 5,000 accounts and 5,000 assigned users, 6,000 more accounts in the
/// agency. Times, in Core, the division page's reads, a move of 1,000 accounts, and the permission check of one of the
/// division's users, with the commands each takes; then leaves the database for bench.sh to time the pages over HTTP.
/// </summary>
internal static class DivisionBenchmark
{
    public const string AdminEmail = "division.bench@bench.test";
    public const string Password = "Bench-Pass-2026!";

    public static async Task<int> RunAsync(string file)
    {
        var commands = new CommandCount();
        await using var provider = BenchServices.Over(file, commands);

        var now = DateTime.UtcNow;
        var agency = new Agency("Division Bench Agency", now);
        var division = new Division(agency.Id, "Big Division", "5,000 accounts and 5,000 users", now);
        var other = new Division(agency.Id, "Other Division", null, now);
        var inDivision = Enumerable.Range(0, 5_000).Select(i => new Account(agency.Id, $"Division Account {i:D4}", now, division.Id)).ToList();
        var loose = Enumerable.Range(0, 5_000).Select(i => new Account(agency.Id, $"Loose Account {i:D4}", now)).ToList();
        var elsewhere = Enumerable.Range(0, 1_000).Select(i => new Account(agency.Id, $"Other Account {i:D4}", now, other.Id)).ToList();
        var admin = NewUser(AdminEmail, "Bench", "Admin", loose[0].Id, now, new PasswordHasher<AppUser>().HashPassword(null!, Password));
        var users = Enumerable.Range(0, 5_000).Select(i => NewUser($"member{i}@bench.test", "Member", $"User{i:D4}", inDivision[i].Id, now, null)).ToList();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
            await DatabaseSetup.MigrateAsync(db);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Agencies.Add(agency);
            db.Divisions.AddRange(division, other);
            db.Accounts.AddRange([.. inDivision, .. loose, .. elsewhere]);
            db.Users.AddRange([admin, .. users]);
            db.AgencyRoleGrants.Add(new AgencyRoleGrant(agency.Id, admin.Id, AgencyRole.AgencyAdministrator, now, null));
            db.Memberships.AddRange(users.Select((u, i) => new Membership(inDivision[i].Id, u, AccountRole.CallAgent, now, null)));
            db.DivisionMembers.AddRange(users.Select(u => new DivisionMember(division.Id, u.Id, now)));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }

        async Task<(double Ms, int Commands, T Result)> TimeAsync<T>(Func<IServiceProvider, Task<T>> call)
        {
            await using var scope = provider.CreateAsyncScope();
            commands.Reset();
            var clock = Stopwatch.StartNew();
            var result = await call(scope.ServiceProvider);
            clock.Stop();
            return (clock.Elapsed.TotalMilliseconds, commands.Value, result);
        }

        async Task<List<(double Ms, int Commands)>> RepeatAsync<T>(int times, Func<IServiceProvider, Task<T>> call)
        {
            var runs = new List<(double Ms, int Commands)>();
            for (var i = 0; i < times; i++)
            {
                var (ms, used, _) = await TimeAsync(call);
                runs.Add((ms, used));
            }

            return runs.Skip(times / 4).ToList();
        }

        var member = users[2_500];
        Task<AgencyContext> AgencyAsync(IServiceProvider sp) => sp.GetRequiredService<IAccessService>().GetAgencyAsync(admin.Id, agency.Id)!;
        var check = await RepeatAsync(40, sp => sp.GetRequiredService<IAccessService>().GetAsync(member.Id, inDivision[4_321].Id));
        var page = await RepeatAsync(20, sp => sp.GetRequiredService<IDivisionService>().GetAsync(agency.Id, division.Id, 100));
        // An editor's page: the first 100 of each list, as the page asks for them.
        Func<IServiceProvider, Task<PickerPage>> Lists(DivisionEditor editor, string? filter = null) => async sp =>
        {
            var picker = sp.GetRequiredService<IDivisionPicker>();
            var actor = await AgencyAsync(sp);
            await picker.PageAsync(actor, division.Id, editor, PickerSide.Eligible, PickerPending.None, filter, null, 100);
            return await picker.PageAsync(actor, division.Id, editor, PickerSide.Assigned, PickerPending.None, filter, null, 100);
        };

        var accounts = await RepeatAsync(20, Lists(DivisionEditor.Accounts));
        var accountSearch = await RepeatAsync(20, Lists(DivisionEditor.Accounts, "account 4321"));
        var people = await RepeatAsync(20, Lists(DivisionEditor.Members));
        var peopleSearch = await RepeatAsync(20, Lists(DivisionEditor.Members, "user4321"));

        var original = inDivision.Select(a => new PickedItem(a.Id, null)).ToList();
        var moves = new List<(double Ms, int Commands)>();
        for (var round = 0; round < 4; round++)
        {
            var batch = loose.Skip(round * 1_000).Take(1_000).Select(a => new PickedItem(a.Id, null));
            List<PickedItem> assigned = [.. original, .. batch];
            var (ms, used, change) = await TimeAsync(sp => sp.GetRequiredService<IDivisionService>()
                .SaveAsync(admin.Id, agency.Id, division.Id, DivisionEditor.Accounts, assigned, original));
            if (!change.Result.Succeeded || change.Added != 1_000)
            {
                throw new InvalidOperationException("The move was not saved: " + string.Join(" ", change.Result.Errors.Select(e => e.Message)));
            }

            moves.Add((ms, used));
            // Put them back, so that every round moves the same 1,000 accounts into a 5,000-account division.
            await TimeAsync(sp => sp.GetRequiredService<IDivisionService>()
                .SaveAsync(admin.Id, agency.Id, division.Id, DivisionEditor.Accounts, original, assigned));
        }

        Row("permission check, a user of the 5,000-account division", check, "one indexed query");
        Row("division page's counts and first 100 of each list", page, "-");
        Row("Edit Accounts: the first 100 of each list, 11,000 accounts, 5,000 assigned", accounts, "-");
        Row("Edit Accounts: a filter on both lists (\"account 4321\")", accountSearch, "20 ms");
        Row("Edit Assigned Users: the first 100 of each list, 5,001 users, 5,000 assigned", people, "-");
        Row("Edit Assigned Users: a filter on both lists (\"user4321\")", peopleSearch, "20 ms");
        Row("save a move of 1,000 accounts into the division", moves.Skip(1).ToList(), "300 ms");
        Console.WriteLine($"agency={agency.Id}");
        Console.WriteLine($"division={division.Id}");
        return 0;
    }

    private static void Row(string name, List<(double Ms, int Commands)> runs, string target)
    {
        var times = runs.Select(r => r.Ms).Order().ToList();
        var counts = runs.Select(r => r.Commands).Distinct().Order();
        Console.WriteLine($"| {name} | {times[times.Count / 2]:F1} ms | {times[^1]:F1} ms | {string.Join("/", counts)} | {target} |");
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
