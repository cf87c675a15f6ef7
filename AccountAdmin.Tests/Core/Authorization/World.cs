using System.Text.RegularExpressions;
using AccountAdmin.Core;
using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Authorization;

/// <summary>
/// A small generated world: two agencies, their accounts and divisions, users with several memberships (some suspended,
/// some ended), agency roles, division places, a support-staff user, an archived user, pending owner-removal requests and
/// impersonations in progress. Everything comes from one seeded <see cref="Random"/>, so a seed rebuilds the same world.
/// </summary>
public sealed partial class World
{
    /// <summary>Every generated user's password, until a command changes it.</summary>
    public const string Password = "World-Pass-2026!";

    private readonly Dictionary<Guid, string> labels = [];

    private World(string tag)
    {
        Tag = tag;
        Unknown = Guid.NewGuid();
        labels[Unknown] = "unknown-id";
    }

    /// <summary>Starts every name the world makes, unique to this run.</summary>
    public string Tag { get; }

    /// <summary>An id no row has, for targets and accounts that don't exist.</summary>
    public Guid Unknown { get; }

    public List<Guid> Agencies { get; } = [];

    public List<Guid> Accounts { get; } = [];

    public List<Guid> Divisions { get; } = [];

    /// <summary>Every user made for the world, in the order made: customers, then the support-staff user, then the archived user.</summary>
    public List<Guid> Users { get; } = [];

    public Guid Support { get; private set; }

    public List<WorldActor> Actors { get; } = [];

    public string Label(Guid id) => labels.GetValueOrDefault(id) ?? id.ToString();

    /// <summary>Names what has no name yet: users and accounts a command made, schedules, groups, owner-removal requests.</summary>
    public void Learn(WorldSnapshot snapshot)
    {
        foreach (var user in snapshot.Users.Values.Where(u => !labels.ContainsKey(u.Id)))
        {
            labels[user.Id] = "new:" + (user.Email ?? "").Split('@')[0].Split('.')[^1];
        }

        foreach (var account in snapshot.Accounts.Values.Where(a => !labels.ContainsKey(a.Id)))
        {
            labels[account.Id] = $"new-account({Label(account.AgencyId)})";
        }

        foreach (var (id, account, kind) in snapshot.Schedules.Values.Select(s => (s.Id, s.AccountId, "schedule"))
                     .Concat(snapshot.Groups.Values.Select(g => (g.Id, g.AccountId, "group"))).Where(x => !labels.ContainsKey(x.Item1)))
        {
            labels[id] = $"{kind}@{Label(account)}";
        }

        foreach (var request in snapshot.OwnerRemovals.Values.Where(r => !labels.ContainsKey(r.Id)).OrderBy(r => r.CreatedAt))
        {
            labels[request.Id] = $"request{labels.Count(l => l.Value.StartsWith("request", StringComparison.Ordinal)) + 1}";
        }
    }

    /// <summary>The text with every id the world knows replaced by its label.</summary>
    public string Readable(string text) => GuidPattern().Replace(text, m => Guid.TryParse(m.Value, out var id) ? Label(id) : m.Value);

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    /// <summary>A user's grants in <paramref name="snapshot"/>, for failure messages.</summary>
    public string Describe(WorldSnapshot snapshot, Guid userId)
    {
        if (!snapshot.Users.TryGetValue(userId, out var user))
        {
            return Label(userId);
        }

        var grants = snapshot.Memberships.Values.Where(m => m.UserId == userId && m.Current)
            .Select(m => $"{m.Role}@{Label(m.AccountId)}{(m.Status == MembershipStatus.Suspended ? " (suspended)" : "")}")
            .Concat(snapshot.AgencyRoles.Where(g => g.UserId == userId).Select(g => $"{g.Role}@{Label(g.AgencyId)}"))
            .Concat(snapshot.DivisionAdministrators.Where(d => d.UserId == userId).Select(d => $"DivisionAdministrator@{Label(d.DivisionId)}"))
            .Concat(snapshot.DivisionMembers.Where(d => d.UserId == userId).Select(d => $"DivisionMember@{Label(d.DivisionId)}"))
            .Order(StringComparer.Ordinal);
        var flags = (user.Archived ? " archived" : "") + (user.SupportStaff ? " support-staff" : "")
            + (user.HomeAccountId is { } home ? $" home {Label(home)}" : "");
        return $"{Label(userId)}{flags} [{string.Join(", ", grants)}]";
    }

    public string Describe(WorldSnapshot snapshot, WorldActor actor) =>
        actor.ImpersonatorId is { } by
            ? $"{Describe(snapshot, actor.UserId)} impersonated by {Label(by)}"
              + (actor.ConfinedTo is { } only ? $", kept to {Label(only)}" : ", not confined")
            : Describe(snapshot, actor.UserId);

    /// <summary>The divisions of the world where accounts are, for failure messages.</summary>
    public string DescribeAccounts(WorldSnapshot snapshot) =>
        string.Join(", ", snapshot.Accounts.Values.OrderBy(a => Label(a.Id), StringComparer.Ordinal)
            .Select(a => $"{Label(a.Id)} in {Label(a.AgencyId)}{(a.DivisionId is { } d ? "/" + Label(d) : "")}"));

    private static readonly AccountRole[] Roles =
    [
        AccountRole.Owner, AccountRole.Administrator, AccountRole.Administrator, AccountRole.BillingManager, AccountRole.ReportManager,
        AccountRole.CallManager, AccountRole.CallAgent, AccountRole.CallAgent,
    ];

    public static async Task<World> BuildAsync(GeneratedWorldFixture fixture, int seed)
    {
        var random = new Random(seed);
        var world = new World($"w{seed}-{Guid.NewGuid():N}"[..16]);
        await fixture.RunAsync(async sp =>
        {
            await world.PopulateAsync(sp, random);
            return world;
        });
        await world.ImpersonateAsync(fixture, random);
        return world;
    }

    private async Task PopulateAsync(IServiceProvider sp, Random random)
    {
        var provisioning = sp.GetRequiredService<ProvisioningService>();
        var db = sp.GetRequiredService<AccountAdminDbContext>();
        var now = DateTime.UtcNow;

        var agencies = new List<Agency>();
        for (var i = 1; i <= 2; i++)
        {
            var agency = await provisioning.EnsureAgencyAsync($"{Tag} Agency {i}");
            agencies.Add(agency);
            Name(agency.Id, $"G{i}");
        }

        var divisions = new List<Division> { await provisioning.EnsureDivisionAsync(agencies[0], $"{Tag} East") };
        if (random.NextDouble() < 0.5)
        {
            divisions.Add(await provisioning.EnsureDivisionAsync(agencies[0], $"{Tag} West"));
        }

        var secondAgencyDivision = random.NextDouble() < 0.5 ? await provisioning.EnsureDivisionAsync(agencies[1], $"{Tag} North") : null;
        if (secondAgencyDivision is not null)
        {
            divisions.Add(secondAgencyDivision);
        }

        foreach (var division in divisions)
        {
            Name(division.Id, $"D{Divisions.Count + 1}");
        }

        // G1: the first account in the first division, the second in none, the rest anywhere; G2: one or two accounts.
        var accounts = new List<Account>();
        List<Division?> anywhere = [null, .. divisions.Where(d => d.AgencyId == agencies[0].Id)];
        var firstAgencyAccounts = 3 + (random.NextDouble() < 0.3 ? 1 : 0);
        for (var i = 0; i < firstAgencyAccounts; i++)
        {
            var division = i switch
            {
                0 => divisions[0],
                1 => null,
                _ => anywhere[random.Next(anywhere.Count)],
            };
            accounts.Add(await provisioning.EnsureAccountAsync(agencies[0], $"{Tag} Account {accounts.Count + 1}", division));
        }

        var secondAgencyAccounts = 1 + (random.NextDouble() < 0.5 ? 1 : 0);
        for (var i = 0; i < secondAgencyAccounts; i++)
        {
            accounts.Add(await provisioning.EnsureAccountAsync(agencies[1], $"{Tag} Account {accounts.Count + 1}", i == 0 ? secondAgencyDivision : null));
        }

        foreach (var account in accounts)
        {
            Name(account.Id, $"A{Accounts.Count + 1}({(account.AgencyId == agencies[0].Id ? "G1" : "G2")})");
            await provisioning.EnsureScheduleAsync(account, "Day shift", "UTC", "Mon 09:00-17:00");
            await provisioning.EnsureAccessControlGroupAsync(account, "Team");
        }

        var users = new List<AppUser>();
        var count = 8 + random.Next(3);
        for (var i = 1; i <= count; i++)
        {
            var home = accounts[random.Next(accounts.Count)];
            var user = await provisioning.EnsureUserAsync(
                $"{Tag}.u{i}@world.test", $"User{i}", "Generated", random.NextDouble() < 0.85 ? Password : null, home.Id);
            users.Add(user);
            Name(user.Id, $"u{i}");
        }

        // Every account has an Owner, some two; then each user works in one to three accounts, their home first.
        foreach (var account in accounts)
        {
            var owners = random.NextDouble() < 0.6 ? 2 : 1;
            foreach (var owner in users.OrderBy(_ => random.Next()).Take(owners).ToList())
            {
                await provisioning.EnsureMembershipAsync(account, owner, AccountRole.Owner);
            }
        }

        foreach (var user in users)
        {
            var places = accounts.Where(a => a.Id == user.HomeAccountId).Concat(accounts.OrderBy(_ => random.Next())).Distinct()
                .Take(1 + random.Next(3)).ToList();
            foreach (var account in places)
            {
                await provisioning.EnsureMembershipAsync(account, user, Roles[random.Next(Roles.Length)]);
            }
        }

        var accountIds = accounts.Select(a => a.Id).ToList();
        var memberships = await db.Memberships.Where(m => accountIds.Contains(m.AccountId)).ToListAsync();
        foreach (var membership in memberships.OrderBy(Order, StringComparer.Ordinal))
        {
            var otherActiveOwner = await db.Memberships.AnyAsync(m => m.AccountId == membership.AccountId && m.UserId != membership.UserId
                && m.Role == AccountRole.Owner && m.EndedAt == null && m.Status == MembershipStatus.Active);
            var roll = random.NextDouble();
            if (roll < 0.15 && (membership.Role != AccountRole.Owner || otherActiveOwner))
            {
                membership.Suspend(membership.UserId, now);
            }
            else if (roll < 0.25 && membership.Role != AccountRole.Owner)
            {
                membership.End(membership.UserId, now);
            }

            await db.SaveChangesAsync();
        }

        // Agency roles: an Agency Administrator in each agency (sometimes one who also works elsewhere), and a few lesser ones.
        // The first is suspended in one of the agency's accounts, where an Administrator works: someone they outrank.
        var agencyAdministrator = users[random.Next(users.Count)];
        await provisioning.EnsureAgencyRoleAsync(agencies[0], agencyAdministrator, AgencyRole.AgencyAdministrator);
        var suspendedIn = accounts[random.Next(firstAgencyAccounts)];
        await provisioning.EnsureMembershipAsync(suspendedIn, users[random.Next(users.Count)], AccountRole.Administrator);
        var held = await provisioning.EnsureMembershipAsync(suspendedIn, agencyAdministrator, Roles[random.Next(Roles.Length)]);
        if (held is { EndedAt: null, Status: MembershipStatus.Active } && (held.Role != AccountRole.Owner || await db.Memberships.AnyAsync(
                m => m.AccountId == suspendedIn.Id && m.UserId != agencyAdministrator.Id && m.Role == AccountRole.Owner && m.EndedAt == null
                    && m.Status == MembershipStatus.Active)))
        {
            held.Suspend(agencyAdministrator.Id, now);
            await db.SaveChangesAsync();
        }

        foreach (var agency in agencies)
        {
            if (random.NextDouble() < 0.6)
            {
                await provisioning.EnsureAgencyRoleAsync(agency, users[random.Next(users.Count)], AgencyRole.AgencyAdministrator);
            }
        }

        for (var i = random.Next(1, 3); i > 0; i--)
        {
            await provisioning.EnsureAgencyRoleAsync(
                agencies[random.Next(2)], users[random.Next(users.Count)],
                random.NextDouble() < 0.5 ? AgencyRole.AgencyBillingManager : AgencyRole.MarketingManager);
        }

        foreach (var division in divisions)
        {
            await provisioning.EnsureDivisionAdministratorAsync(division, users[random.Next(users.Count)]);
            for (var i = random.Next(1, 3); i > 0; i--)
            {
                await provisioning.EnsureDivisionMemberAsync(division, users[random.Next(users.Count)]);
            }
        }

        // Agents placed on a schedule and in a group, so that profile saves and role changes have something to move.
        foreach (var membership in (await db.Memberships.AsNoTracking()
                     .Where(m => accountIds.Contains(m.AccountId) && m.EndedAt == null
                                 && (m.Role == AccountRole.CallAgent || m.Role == AccountRole.CallManager || m.Role == AccountRole.ReportManager))
                     .ToListAsync()).OrderBy(Order, StringComparer.Ordinal))
        {
            if (random.NextDouble() < 0.5)
            {
                var schedule = await db.Schedules.SingleAsync(s => s.AccountId == membership.AccountId);
                var group = await db.AccessControlGroups.SingleAsync(g => g.AccountId == membership.AccountId);
                db.ScheduleAssignments.Add(new ScheduleAssignment(membership.AccountId, membership.UserId, schedule.Id));
                db.AccessControlGroupMembers.Add(new AccessControlGroupMember(group.Id, membership.UserId));
                await db.SaveChangesAsync();
            }
        }

        var support = await provisioning.EnsureSupportUserAsync($"{Tag}.support@world.test", "Sam", "Support", Password);
        Name(support.Id, "support");
        Support = support.Id;

        // Removed from their only account and archived: what Restore brings back.
        var archived = await provisioning.EnsureUserAsync(
            $"{Tag}.gone@world.test", "Gone", "Generated", Password, accounts[random.Next(accounts.Count)].Id);
        Name(archived.Id, "gone");
        var last = await provisioning.EnsureMembershipAsync(
            accounts.Single(a => a.Id == archived.HomeAccountId), archived, Roles[random.Next(Roles.Length)]);
        last.End(archived.Id, now);
        (await db.Users.SingleAsync(u => u.Id == archived.Id)).Archive(now);
        await db.SaveChangesAsync();

        // Owner-removal requests waiting for their answer, where an account has two Owners.
        foreach (var account in accounts)
        {
            var owners = (await db.Memberships.AsNoTracking()
                    .Where(m => m.AccountId == account.Id && m.EndedAt == null && m.Role == AccountRole.Owner).ToListAsync())
                .OrderBy(Order, StringComparer.Ordinal).ToList();
            if (owners.Count >= 2 && random.NextDouble() < 0.7)
            {
                var asked = random.Next(2);
                var newRole = random.NextDouble() < 0.5 ? AccountRole.Administrator : AccountRole.CallAgent;
                db.OwnerRemovalRequests.Add(new OwnerRemovalRequest(account.Id, owners[asked].UserId, owners[1 - asked].UserId, newRole, now));
                await db.SaveChangesAsync();
            }
        }
    }

    /// <summary>Rows in an order of the world's own making, the same on every engine, so that a seed rebuilds the same world.</summary>
    private string Order(Membership membership) => $"{Label(membership.UserId)}\u001f{Label(membership.AccountId)}";

    private void Name(Guid id, string label)
    {
        labels[id] = label;
        var list = label[0] switch
        {
            'G' => Agencies,
            'D' => Divisions,
            'A' => Accounts,
            _ => Users,
        };
        list.Add(id);
    }

    /// <summary>
    /// Impersonations started through Core, as the log-in-as page starts them: by Owners and Administrators, kept to their
    /// account, preferring users with a request to answer elsewhere or who work elsewhere; and one by support staff, who
    /// follow the user everywhere.
    /// </summary>
    private async Task ImpersonateAsync(GeneratedWorldFixture fixture, Random random)
    {
        var world = await fixture.RunAsync(sp => WorldSnapshot.ReadAsync(sp.GetRequiredService<AccountAdminDbContext>()));
        Learn(world);
        foreach (var user in Users)
        {
            Actors.Add(new WorldActor(user, null, null, Label(user)));
        }

        var confined = 0;
        foreach (var account in Accounts.OrderBy(_ => random.Next()).ToList())
        {
            var pairs = (from impersonator in Users
                    from user in Users
                    where impersonator != user && world.Effective(impersonator, account).HasFlag(Can.ManageUsers)
                          && world.Effective(user, account) != Can.Nothing
                          && world.Effective(impersonator, account).Covers(world.Effective(user, account))
                    let answers = world.OwnerRemovals.Values.Any(r => r.OwnerUserId == user && r.AccountId != account)
                    orderby answers descending, world.Places(user).Count descending, random.Next()
                    select (impersonator, user))
                .ToList();
            if (confined == 3 || pairs.Count == 0)
            {
                continue;
            }

            var (by, whom) = pairs[0];
            var (result, _) = await fixture.RunAsync(sp => sp.GetRequiredService<IImpersonationService>().StartAsync(by, account, whom, null));
            if (result.Status == CommandStatus.Done)
            {
                confined++;
                Actors.Add(new WorldActor(whom, by, account, $"{Label(whom)} as impersonated by {Label(by)} in {Label(account)}"));
            }
        }

        var customers = Users.Where(u => u != Support && world.Users[u] is { Archived: false }).OrderByDescending(u => world.Places(u).Count).ToList();
        var chosen = customers[random.Next(Math.Min(3, customers.Count))];
        var (started, _) = await fixture.RunAsync(sp => sp.GetRequiredService<IImpersonationService>()
            .StartAsync(Support, null, chosen, "Checking what the customer sees"));
        if (started.Status == CommandStatus.Done)
        {
            Actors.Add(new WorldActor(chosen, Support, null, $"{Label(chosen)} as impersonated by support"));
        }
    }
}
