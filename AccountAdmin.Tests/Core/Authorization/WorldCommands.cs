using AccountAdmin.Core;
using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Agencies;
using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Placements;
using AccountAdmin.Core.Roles;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Authorization;

/// <summary>One step's draw: who acts, on whom, with which account id; the command picks the rest from <see cref="Random"/>.</summary>
public sealed record StepInput(World World, WorldSnapshot Before, WorldActor Actor, Guid Target, Guid Account, int Step, Random Random);

/// <summary>A command ready to run: what it is, the account it was issued in (null for agency-wide ones), and the call.</summary>
public sealed record Attempt(string Description, Guid? IssuedIn, Func<IServiceProvider, Task<CommandResult>> RunAsync);

public sealed record WorldCommand(string Name, Func<StepInput, Attempt> Prepare);

/// <summary>
/// The Core commands that change who may do what, a user's profile or an account, each called as its page calls it.
/// New Division and Delete Division are left out: the first reaches no account, the second would soon leave none.
/// </summary>
public static class WorldCommands
{
    private static readonly AccountRole[] AccountRoles = Enum.GetValues<AccountRole>();
    private static readonly AgencyRole[] AgencyRoles = Enum.GetValues<AgencyRole>();

    public static readonly IReadOnlyList<WorldCommand> All =
    [
        new("Remove", i => new($"remove {i.Target} from {i.Account}", i.Account,
            sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(i.Actor.UserId, i.Account, i.Target))),
        new("Suspend", i => new($"suspend {i.Target} in {i.Account}", i.Account,
            sp => sp.GetRequiredService<IUserAdministration>().SuspendAsync(i.Actor.UserId, i.Account, i.Target))),
        new("Unsuspend", i => new($"unsuspend {i.Target} in {i.Account}", i.Account,
            sp => sp.GetRequiredService<IUserAdministration>().UnsuspendAsync(i.Actor.UserId, i.Account, i.Target))),
        new("Restore", i => new($"restore {i.Target} in {i.Account}", i.Account,
            sp => sp.GetRequiredService<IUserAdministration>().RestoreAsync(i.Actor.UserId, i.Account, i.Target))),
        new("Rename", i => Profile(i, $"change the first name (protected) of {i.Target}", u => u with { FirstName = $"First{i.Step}" })),
        new("ChangeEmail", i => Profile(i, $"change the e-mail (protected) of {i.Target}", u => u with { Email = $"{i.World.Tag}.e{i.Step}@world.test" })),
        new("EditProfile", EditProfile),
        new("SetPassword", i => new($"set the password of {i.Target} from {i.Account}", i.Account,
            sp => sp.GetRequiredService<IUserProfiles>().SetPasswordAsync(i.Actor.UserId, i.Account, i.Target, $"Generated-{i.Step}-Pass"))),
        new("AddRole", AddRole),
        new("RemoveAccounts", RemoveAccounts),
        new("AddAgencyRole", i =>
        {
            var role = Pick(i.Random, AgencyRoles);
            return Roles(i, $"give {i.Target} the agency role {role}", stamp => new RoleChanges(stamp, AddAgencyRole: role));
        }),
        new("RemoveAgencyRole", RemoveAgencyRole),
        new("GrantExisting", i =>
        {
            var role = Pick(i.Random, AccountRoles);
            return new($"Show User: give existing {i.Target} the role {role} in {i.Account}", i.Account,
                sp => sp.GetRequiredService<IUserCreation>().GrantExistingAsync(i.Actor.UserId, i.Account, i.Target, role));
        }),
        new("RequestOwnerRemoval", i =>
        {
            var role = Pick(i.Random, AccountRoles[1..]);
            return new($"ask that Owner {i.Target} of {i.Account} become {role}", i.Account,
                sp => sp.GetRequiredService<IOwnerRemovals>().RequestAsync(i.Actor.UserId, i.Account, i.Target, role));
        }),
        new("DecideOwnerRemoval", DecideOwnerRemoval),
        new("DivisionAccounts", DivisionAccounts),
        new("DivisionMembers", i => DivisionPeople(i, DivisionEditor.Members)),
        new("DivisionAdministrators", i => DivisionPeople(i, DivisionEditor.Administrators)),
        new("UserDivisions", UserDivisions),
        new("RemoveAgencyAdministrator", i =>
        {
            var agency = AgencyOf(i);
            return new($"remove Agency Administrator {i.Target} from the whole agency {agency}", null,
                sp => sp.GetRequiredService<IAgencyUsers>().RemoveAgencyAdministratorAsync(i.Actor.UserId, agency, i.Target));
        }),
        new("AccountSettings", AccountSettings),
        new("RenameDivision", i =>
        {
            var (agency, division) = (AgencyOf(i), PickDivision(i));
            return new($"rename division {division} of agency {agency}", null,
                sp => sp.GetRequiredService<IDivisionService>().UpdateAsync(i.Actor.UserId, agency, division, $"{i.World.Tag} Division {i.Step}", null));
        }),
        new("BulkAdd", BulkAdd),
        new("CreateUser", i =>
        {
            var role = Pick(i.Random, AccountRoles);
            var user = new NewUser($"{i.World.Tag}.n{i.Step}@world.test", "New", $"Person{i.Step}", role);
            return new($"New User {user.Email} as {role} in {i.Account}", i.Account,
                async sp => (await sp.GetRequiredService<IUserCreation>().CreateAsync(i.Actor.UserId, i.Account, user)).Result);
        }),
        new("CreateAccount", i =>
        {
            var agency = AgencyOf(i);
            Guid? division = i.Random.NextDouble() < 0.4 ? null : PickDivision(i);
            return new($"New Account in agency {agency}, division {division?.ToString() ?? "none"}", null,
                async sp => (await sp.GetRequiredService<IAgencyAccounts>()
                    .CreateAsync(i.Actor.UserId, agency, $"{i.World.Tag} New {i.Step}", division)).Result);
        }),
        new("ChangeOwnPassword", i => new("change their own password, from their profile", null,
            sp => sp.GetRequiredService<IPasswordService>().ChangeAsync(i.Actor.UserId, World.Password, $"Own-{i.Step}-Password"))),
    ];

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static Guid AgencyOf(StepInput i) => i.Before.Accounts.GetValueOrDefault(i.Account)?.AgencyId ?? i.World.Unknown;

    private static string StampOf(StepInput i) => i.Before.ConcurrencyStamps.GetValueOrDefault(i.Target) ?? "";

    /// <summary>A division: mostly of the account's agency, sometimes of the other, now and then one that doesn't exist.</summary>
    private static Guid PickDivision(StepInput i)
    {
        var all = i.Before.Divisions.Values.OrderBy(d => i.World.Label(d.Id), StringComparer.Ordinal).ToList();
        var ours = all.Where(d => d.AgencyId == AgencyOf(i)).ToList();
        var roll = i.Random.NextDouble();
        return roll < 0.05 || all.Count == 0 ? i.World.Unknown
            : roll < 0.8 && ours.Count > 0 ? Pick(i.Random, ours).Id
            : Pick(i.Random, all).Id;
    }

    /// <summary>The schedule and groups the user has in the account now: a save that keeps them changes none.</summary>
    private static AgentPlacement PlacementOf(WorldSnapshot world, Guid accountId, Guid userId) =>
        new(world.ScheduleAssignments.GetValueOrDefault((accountId, userId))?.ScheduleId,
            GroupIds: world.GroupMembers.Where(m => m.UserId == userId && world.Groups.GetValueOrDefault(m.GroupId)?.AccountId == accountId)
                .Select(m => m.GroupId).ToList());

    private static Attempt Profile(StepInput i, string what, Func<ProfileUpdate, ProfileUpdate> change)
    {
        var update = change(new ProfileUpdate(
            i.Before.Users.GetValueOrDefault(i.Target)?.Nickname, i.Before.SettingsOf(i.Target), PlacementOf(i.Before, i.Account, i.Target), StampOf(i)));
        return new($"{what} from {i.Account}", i.Account,
            sp => sp.GetRequiredService<IUserProfiles>().UpdateAsync(i.Actor.UserId, i.Account, i.Target, update));
    }

    /// <summary>Only what any user manager of an account the user works in may change: nickname, settings, schedule, groups.</summary>
    private static Attempt EditProfile(StepInput i)
    {
        var schedules = i.Before.Schedules.Values.Where(s => s.AccountId == i.Account).OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => (Guid?)s.Id).Append(null).ToList();
        var groups = i.Before.Groups.Values.Where(g => g.AccountId == i.Account).OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => g.Id).ToList();
        var placement = new AgentPlacement(Pick(i.Random, schedules), GroupIds: groups.Where(_ => i.Random.NextDouble() < 0.5).ToList());
        var bitrate = Pick(i.Random, UserSettingsValues.Bitrates);
        return Profile(i, $"change the nickname, softphone bitrate ({bitrate}) and placement of {i.Target}",
            u => u with { Nickname = $"Nick{i.Step}", Settings = u.Settings with { SoftphoneBitrate = bitrate }, Placement = placement });
    }

    private static Attempt Roles(StepInput i, string what, Func<string, RoleChanges> changes)
    {
        var request = changes(StampOf(i));
        return new($"{what}, on the user's page in {i.Account}", i.Account,
            sp => sp.GetRequiredService<IRoleAssignments>().ApplyAsync(i.Actor.UserId, i.Account, i.Target, request));
    }

    private static Attempt AddRole(StepInput i)
    {
        var role = Pick(i.Random, AccountRoles);
        var ids = new List<Guid>();
        if (i.Random.NextDouble() < 0.8)
        {
            ids.Add(i.Account);
        }

        ids.AddRange(i.World.Accounts.Where(id => id != i.Account && i.Random.NextDouble() < 0.25));
        if (i.Random.NextDouble() < 0.1 || ids.Count == 0)
        {
            ids.Add(i.Random.NextDouble() < 0.5 ? i.World.Unknown : i.Account);
        }

        return Roles(i, $"add role {role} for {i.Target} in {string.Join(", ", ids)}", stamp => new RoleChanges(stamp, AddRole: role, AddAccountIds: ids));
    }

    private static Attempt RemoveAccounts(StepInput i)
    {
        // Ordered before drawing, so that every engine draws the same.
        var ids = i.Before.Memberships.Values.Where(m => m.UserId == i.Target && m.Current).Select(m => m.AccountId)
            .OrderBy(i.World.Label, StringComparer.Ordinal).Where(_ => i.Random.NextDouble() < 0.6).ToList();
        if (i.Random.NextDouble() < 0.5 || ids.Count == 0)
        {
            ids.Add(i.Account);
        }

        return Roles(i, $"take {i.Target} out of {string.Join(", ", ids.Distinct())}", stamp => new RoleChanges(stamp, RemoveAccountIds: ids));
    }

    private static Attempt RemoveAgencyRole(StepInput i)
    {
        var held = i.Before.AgencyRoles.Where(g => g.UserId == i.Target && g.AgencyId == AgencyOf(i)).Select(g => g.Role).Order().ToList();
        var role = held.Count > 0 && i.Random.NextDouble() < 0.8 ? Pick(i.Random, held) : Pick(i.Random, AgencyRoles);
        return Roles(i, $"take the agency role {role} from {i.Target}", stamp => new RoleChanges(stamp, RemoveAgencyRoles: [role]));
    }

    /// <summary>The actor answers a request: mostly one waiting for them, sometimes anyone's.</summary>
    private static Attempt DecideOwnerRemoval(StepInput i)
    {
        var requests = i.Before.OwnerRemovals.Values.OrderBy(r => r.CreatedAt).ThenBy(r => i.World.Label(r.AccountId), StringComparer.Ordinal).ToList();
        var mine = requests.Where(r => r.OwnerUserId == i.Actor.UserId).ToList();
        var request = mine.Count > 0 && i.Random.NextDouble() < 0.8 ? Pick(i.Random, mine).Id
            : requests.Count > 0 && i.Random.NextDouble() < 0.9 ? Pick(i.Random, requests).Id
            : i.World.Unknown;
        var approve = i.Random.NextDouble() < 0.6;
        var about = i.Before.OwnerRemovals.GetValueOrDefault(request);
        return new(
            $"{(approve ? "approve" : "decline")} owner-removal request {request}"
            + (about is null ? "" : $" ({about})"),
            null, sp => sp.GetRequiredService<IOwnerRemovals>().DecideAsync(i.Actor.UserId, request, approve));
    }

    /// <summary>Edit Accounts of a division: the step's account goes into the division, or out of it when it is in.</summary>
    private static Attempt DivisionAccounts(StepInput i)
    {
        var agency = AgencyOf(i);
        var division = PickDivision(i);
        var shown = i.Before.AccountsOfDivision(division).OrderBy(a => i.World.Label(a.Id), StringComparer.Ordinal)
            .Select(a => new PickedItem(a.Id, null)).ToList();
        var leaving = shown.Any(p => p.Id == i.Account);
        var picked = leaving ? shown.Where(p => p.Id != i.Account).ToList()
            : [.. shown, new PickedItem(i.Account, i.Before.Accounts.GetValueOrDefault(i.Account)?.DivisionId)];
        return new($"{(leaving ? "take" : "put")} {i.Account} {(leaving ? "out of" : "into")} division {division} of agency {agency}", null,
            async sp => (await sp.GetRequiredService<IDivisionService>().SaveAsync(
                i.Actor.UserId, agency, division, DivisionEditor.Accounts, picked, shown)).Result);
    }

    /// <summary>Edit Assigned Users or Edit Admins of a division: the target joins, or leaves when they are in.</summary>
    private static Attempt DivisionPeople(StepInput i, DivisionEditor editor)
    {
        var agency = AgencyOf(i);
        var division = PickDivision(i);
        var places = editor == DivisionEditor.Members ? i.Before.DivisionMembers : i.Before.DivisionAdministrators;
        var shown = places.Where(p => p.DivisionId == division).OrderBy(p => i.World.Label(p.UserId), StringComparer.Ordinal)
            .Select(p => new PickedItem(p.UserId, null)).ToList();
        var leaving = shown.Any(p => p.Id == i.Target);
        var picked = leaving ? shown.Where(p => p.Id != i.Target).ToList() : [.. shown, new PickedItem(i.Target, null)];
        return new($"{(leaving ? "take" : "put")} {i.Target} {(leaving ? "out of" : "into")} the {editor} of division {division} of agency {agency}", null,
            async sp => (await sp.GetRequiredService<IDivisionService>().SaveAsync(
                i.Actor.UserId, agency, division, editor, picked, shown)).Result);
    }

    /// <summary>Edit Assigned Divisions on the user's page: of the divisions shown, the user ends up in those chosen.</summary>
    private static Attempt UserDivisions(StepInput i)
    {
        var agency = AgencyOf(i);
        var all = i.Before.Divisions.Values.OrderBy(d => i.World.Label(d.Id), StringComparer.Ordinal).ToList();
        var shown = all.Where(d => d.AgencyId == agency && i.Random.NextDouble() < 0.75).Select(d => d.Id).ToList();
        if (all.Count > 0 && i.Random.NextDouble() < 0.1)
        {
            shown.Add(Pick(i.Random, all).Id);
        }

        var chosen = shown.Distinct().Where(_ => i.Random.NextDouble() < 0.5).ToList();
        return new($"of divisions {string.Join(", ", shown)} of agency {agency}, put {i.Target} in {string.Join(", ", chosen)}", null,
            async sp => (await sp.GetRequiredService<IDivisionService>().SetUserDivisionsAsync(i.Actor.UserId, agency, i.Target, shown, chosen)).Result);
    }

    /// <summary>Account settings: a new name, a new division, or both, over the division the form was drawn with.</summary>
    private static Attempt AccountSettings(StepInput i)
    {
        var account = i.Before.Accounts.GetValueOrDefault(i.Account);
        var name = i.Random.NextDouble() < 0.5 ? $"{i.World.Tag} Renamed {i.Step}" : account?.Name ?? "Any name";
        var was = account?.DivisionId;
        var to = i.Random.NextDouble() < 0.4 ? was : i.Random.NextDouble() < 0.3 ? null : PickDivision(i);
        return new($"save the settings of {i.Account}: name {name}, division {was?.ToString() ?? "none"} → {to?.ToString() ?? "none"}", i.Account,
            sp => sp.GetRequiredService<IAgencyAccounts>().SaveSettingsAsync(i.Actor.UserId, i.Account, name, to, was));
    }

    /// <summary>Bulk Add with the target's e-mail (an existing user given access) and now and then a new user.</summary>
    private static Attempt BulkAdd(StepInput i)
    {
        var lines = new List<string>();
        if (i.Before.Users.GetValueOrDefault(i.Target) is { } user)
        {
            lines.Add($"{user.Email},{user.FirstName},{user.LastName}");
        }

        if (lines.Count == 0 || i.Random.NextDouble() < 0.25)
        {
            lines.Add($"{i.World.Tag}.b{i.Step}@world.test,Bulk,Person{i.Step}");
        }

        var role = Pick(i.Random, AccountRoles);
        var invite = i.Random.NextDouble() < 0.5;
        return new($"bulk add [{string.Join(" / ", lines)}] as {role} to {i.Account}", i.Account,
            async sp => (await sp.GetRequiredService<IBulkAdd>()
                .ApplyAsync(i.Actor.UserId, i.Account, new BulkRequest(Guid.NewGuid(), string.Join('\n', lines), role, invite))).Result);
    }
}
