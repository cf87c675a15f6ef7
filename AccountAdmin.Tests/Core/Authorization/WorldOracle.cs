using AccountAdmin.Core.Model;

namespace AccountAdmin.Tests.Core.Authorization;

/// <summary>What the oracle found in one step: a change that breaks a rule DESIGN.md states.</summary>
public sealed record Finding(string Text);

/// <summary>
/// Judges one step from the snapshots around it: every change is attributed to the accounts it reaches, and each needs
/// the actor's permission there as DESIGN.md's table gives it (<see cref="PermissionTable"/>), computed from the snapshot
/// taken before the step. An impersonation kept to one account changes nothing outside it; a refused command changes
/// nothing at all; support staff never end up holding a customer role.
/// </summary>
public sealed class WorldOracle
{
    private readonly WorldSnapshot before;
    private readonly WorldSnapshot after;
    private readonly WorldActor actor;
    private readonly Guid? issuedIn;
    private readonly List<Finding> findings = [];

    private WorldOracle(WorldSnapshot before, WorldSnapshot after, WorldActor actor, Guid? issuedIn)
    {
        this.before = before;
        this.after = after;
        this.actor = actor;
        this.issuedIn = issuedIn;
    }

    public static IReadOnlyList<Finding> Judge(WorldSnapshot before, WorldSnapshot after, WorldActor actor, Guid? issuedIn, bool done)
    {
        var oracle = new WorldOracle(before, after, actor, issuedIn);
        if (done)
        {
            oracle.Memberships();
            oracle.AgencyRoles();
            oracle.DivisionPlaces();
            oracle.Accounts();
            oracle.Divisions();
            oracle.Users();
            oracle.Placements();
            oracle.OwnerRemovals();
            oracle.BulkImports();
        }
        else if (before.Differences(after) is { Count: > 0 } changes)
        {
            oracle.Violation($"the command was refused, yet it changed: {string.Join("; ", changes)}");
        }

        oracle.SupportStaffHoldNothing();
        return oracle.findings.Distinct().ToList();
    }

    private void Violation(string text) => findings.Add(new(text));

    private Can ActorCan(Guid accountId) => before.ActorCan(actor, accountId);

    private Guid? AgencyOf(Guid accountId) => (before.Accounts.GetValueOrDefault(accountId) ?? after.Accounts.GetValueOrDefault(accountId))?.AgencyId;

    private bool IsAgencyAdministrator(Guid? agencyId) => agencyId is { } id && before.IsAgencyAdministrator(actor, id);

    /// <summary>The accounts in the division before the step or after it: a change to the division reaches both.</summary>
    private List<Guid> AccountsOfDivision(Guid divisionId) =>
        before.AccountsOfDivision(divisionId).Concat(after.AccountsOfDivision(divisionId)).Select(a => a.Id).Distinct().ToList();

    /// <summary>The change reaches <paramref name="accountId"/>: an impersonation kept to another account may not make it.</summary>
    private void Reach(Guid? accountId, string what)
    {
        if (actor.ConfinedTo is { } only && accountId != only)
        {
            Violation($"an impersonation kept to {only} changed {what}, which reaches {(accountId is { } id ? id.ToString() : "no account at all")}");
        }
    }

    private void ReachAll(IReadOnlyCollection<Guid> accountIds, string what)
    {
        if (accountIds.Count == 0)
        {
            Reach(null, what);
        }

        foreach (var id in accountIds)
        {
            Reach(id, what);
        }
    }

    /// <summary>
    /// A requirement on what the actor may do in one account. An agency-wide grant (Agency Administrator, Division
    /// Administrator) counts there only while the actor is not suspended there: DESIGN gives a suspended user no
    /// permission in the account "whatever the grant", so an agency-level command that reaches it is refused.
    /// </summary>
    private void Require(Guid accountId, Func<Can, bool> rule, string text)
    {
        if (!rule(ActorCan(accountId)))
        {
            Violation(before.CurrentMembership(accountId, actor.UserId) is { Status: MembershipStatus.Suspended }
                ? $"{text} — the actor is suspended there, whatever their agency-wide grant"
                : text);
        }
    }

    private void Memberships()
    {
        foreach (var key in before.Memberships.Keys.Union(after.Memberships.Keys))
        {
            var was = before.Memberships.GetValueOrDefault(key);
            var now = after.Memberships.GetValueOrDefault(key);
            if (Equals(was, now))
            {
                continue;
            }

            var (accountId, userId) = key;
            var what = $"the membership of {userId} in {accountId} ({Show(was)} → {Show(now)})";
            Reach(accountId, what);
            if (now is null)
            {
                Violation($"deleted {what}");
                continue;
            }

            if (userId == actor.UserId)
            {
                if (!ApprovedOwnRemoval(was, now))
                {
                    Violation($"the actor changed their own membership in {accountId} ({Show(was)} → {Show(now)}): no acting on yourself");
                }

                continue;
            }

            var can = ActorCan(accountId);
            Require(accountId, c => c.HasFlag(Can.ManageUsers), $"changed {what} without Manage Users there");
            var granted = now.Current && (was is not { Current: true } || was.Role != now.Role);
            if (granted)
            {
                Require(accountId, c => c.Covers(PermissionTable.Of(now.Role)), $"changed {what}: a grant above the actor's own there ({can})");
            }

            if (was is { Current: true })
            {
                Require(accountId, c => c.Covers(before.Potential(userId, accountId)),
                    $"changed {what}, though the user can do more there ({before.Potential(userId, accountId)}) than the actor ({can})");
            }

            if (was is { Current: true, Role: AccountRole.Owner } && (now.Ended || now.Role != AccountRole.Owner)
                && !RemovedAsAgencyAdministrator(userId, accountId))
            {
                Violation($"changed {what}: an Owner loses the role only by approving another Owner's request");
            }
        }
    }

    /// <summary>The one change a user makes to their own membership: approving a request to step down as Owner, not while impersonated.</summary>
    private bool ApprovedOwnRemoval(MembershipRow? was, MembershipRow now) =>
        !actor.Impersonated && was is { Current: true, Role: AccountRole.Owner } && now.Current && now.Status == was.Status
        && after.OwnerRemovals.Values.Any(r => r.AccountId == now.AccountId && r.OwnerUserId == now.UserId && r.NewRole == now.Role
            && r.Status == OwnerRemovalStatus.Approved && before.OwnerRemovals.GetValueOrDefault(r.Id)?.Status == OwnerRemovalStatus.Pending);

    /// <summary>Rule 3: an Agency Administrator leaves every account of the agency at once, from the All Accounts list.</summary>
    private bool RemovedAsAgencyAdministrator(Guid userId, Guid accountId) =>
        AgencyOf(accountId) is { } agency && IsAgencyAdministrator(agency)
        && before.AgencyRoles.Contains(new(agency, userId, AgencyRole.AgencyAdministrator))
        && !after.AgencyRoles.Contains(new(agency, userId, AgencyRole.AgencyAdministrator));

    private void AgencyRoles()
    {
        foreach (var (grant, change) in Changed(before.AgencyRoles, after.AgencyRoles))
        {
            var what = $"agency role {grant.Role} of {grant.UserId} in {grant.AgencyId} ({change})";
            var accounts = before.AccountsOfAgency(grant.AgencyId).Concat(after.AccountsOfAgency(grant.AgencyId)).Select(a => a.Id).Distinct().ToList();
            ReachAll(accounts, what);
            if (grant.UserId == actor.UserId)
            {
                Violation($"the actor changed their own {what}");
            }
            else if (!IsAgencyAdministrator(grant.AgencyId))
            {
                Violation($"changed {what} without being Agency Administrator there");
            }
            else
            {
                foreach (var id in accounts)
                {
                    Require(id, c => c.HasFlag(Can.ManageUsers), $"changed {what}, which reaches {id}, where the actor can't manage users");
                }
            }
        }
    }

    private void DivisionPlaces()
    {
        foreach (var (places, placesAfter, administrators) in new[]
                 {
                     (before.DivisionMembers, after.DivisionMembers, false),
                     (before.DivisionAdministrators, after.DivisionAdministrators, true),
                 })
        {
            foreach (var (place, change) in Changed(places, placesAfter))
            {
                var what = $"{(administrators ? "Division Administrator" : "division member")} {place.UserId} of {place.DivisionId} ({change})";
                var division = before.Divisions.GetValueOrDefault(place.DivisionId) ?? after.Divisions.GetValueOrDefault(place.DivisionId);
                var accounts = AccountsOfDivision(place.DivisionId);
                ReachAll(accounts, what);
                var allowed = IsAgencyAdministrator(division?.AgencyId) || (!administrators && before.IsDivisionAdministrator(actor, place.DivisionId));
                if (!allowed)
                {
                    Violation($"changed {what}: " + (administrators ? "an Agency Administrator's act" : "for the agency's or the division's administrators"));
                    continue;
                }

                foreach (var id in accounts)
                {
                    Require(id, c => c.HasFlag(Can.ManageUsers), $"changed {what}, which reaches {id}, where the actor can't manage users");
                }
            }
        }
    }

    private void Accounts()
    {
        foreach (var id in before.Accounts.Keys.Union(after.Accounts.Keys))
        {
            var was = before.Accounts.GetValueOrDefault(id);
            var now = after.Accounts.GetValueOrDefault(id);
            if (now is null)
            {
                Reach(id, $"account {id}");
                Violation($"deleted account {id}");
                continue;
            }

            if (was is null)
            {
                Created(now);
                continue;
            }

            if (was.Name != now.Name)
            {
                Reach(id, $"the name of {id}");
                Require(id, c => c.HasFlag(Can.ManageAccountSettings), $"renamed {id} without Manage Account Settings there");
            }

            if (was.DivisionId != now.DivisionId)
            {
                var what = $"the division of {id} ({Show(was.DivisionId)} → {Show(now.DivisionId)})";
                Reach(id, what);
                var agencyAdministrator = IsAgencyAdministrator(was.AgencyId);
                if (now.DivisionId is { } into && !agencyAdministrator && !before.IsDivisionAdministrator(actor, into))
                {
                    Violation($"changed {what}: moved into a division the actor doesn't manage");
                }

                if (was.DivisionId is { } from && !agencyAdministrator && !before.IsDivisionAdministrator(actor, from))
                {
                    Violation($"changed {what}: moved out of a division the actor doesn't manage");
                }

                Require(id, c => c.HasFlag(Can.ManageUsers), $"changed {what}: a Division Administrator brings in only accounts they administer");
            }
        }
    }

    /// <summary>New Account: Agency Administrators anywhere in the agency, Division Administrators into a division they manage.</summary>
    private void Created(AccountRow account)
    {
        var what = $"new account {account}";
        Reach(account.Id, what);
        if (!IsAgencyAdministrator(account.AgencyId) && !(account.DivisionId is { } division && before.IsDivisionAdministrator(actor, division)))
        {
            Violation($"made {what}, though only Agency Administrators, and Division Administrators in their division, make accounts");
        }
    }

    private void Divisions()
    {
        foreach (var id in before.Divisions.Keys.Union(after.Divisions.Keys))
        {
            var was = before.Divisions.GetValueOrDefault(id);
            var now = after.Divisions.GetValueOrDefault(id);
            if (Equals(was, now))
            {
                continue;
            }

            var what = $"division {id} ({Show(was)} → {Show(now)})";
            ReachAll(AccountsOfDivision(id), what);
            if (!IsAgencyAdministrator((was ?? now)!.AgencyId))
            {
                Violation($"changed {what}: divisions are the Agency Administrators'");
            }
        }
    }

    private void Users()
    {
        foreach (var id in before.Users.Keys.Union(after.Users.Keys))
        {
            var was = before.Users.GetValueOrDefault(id);
            var now = after.Users.GetValueOrDefault(id);
            if (Equals(was, now))
            {
                continue;
            }

            if (was is null || now is null)
            {
                if (was is null)
                {
                    Created(now!);
                }
                else
                {
                    Reach(null, $"user {id}");
                    Violation($"user {id} was deleted");
                }

                continue;
            }

            if (was.SupportStaff != now.SupportStaff || was.HomeAccountId != now.HomeAccountId)
            {
                Reach(null, $"user {id}");
                Violation($"changed who user {id} is ({was} → {now})");
            }

            var archiving = !was.Archived && now.Archived;
            if (archiving)
            {
                Archived(id);
            }
            else if (was.Archived && !now.Archived)
            {
                var places = after.Places(id);
                ReachAll(places, $"the return of archived user {id}");
                if (id == actor.UserId)
                {
                    Violation("the actor brought themselves back from the archive");
                }

                foreach (var accountId in places)
                {
                    Require(accountId, c => c.HasFlag(Can.ManageUsers),
                        $"brought archived user {id} back into {accountId} without managing users there");
                }
            }

            // Archiving clears the password: that is the archive's, judged above.
            var changed = was.ProtectedChanges(now).Where(f => !(archiving && f == "password")).ToList();
            if (changed.Count > 0)
            {
                Protected(id, string.Join(", ", changed));
            }

            if (was.Nickname != now.Nickname)
            {
                Unprotected(id, "nickname");
            }
        }

        foreach (var id in before.Settings.Keys.Union(after.Settings.Keys).Where(id => before.SettingsOf(id) != after.SettingsOf(id)))
        {
            Unprotected(id, "settings");
        }

        foreach (var id in before.Pictures.Keys.Union(after.Pictures.Keys)
                     .Where(id => !Equals(before.Pictures.GetValueOrDefault(id), after.Pictures.GetValueOrDefault(id))))
        {
            Unprotected(id, "picture");
        }
    }

    /// <summary>A user made by the command (New User, Bulk Add): in the account it was issued in, by someone who manages users there.</summary>
    private void Created(UserRow user)
    {
        var what = $"new user {user.Id} ({user.Email})";
        if (issuedIn is not { } accountId)
        {
            Reach(null, what);
            Violation($"made {what} outside any account");
            return;
        }

        Reach(accountId, what);
        Require(accountId, c => c.HasFlag(Can.ManageUsers), $"made {what} in {accountId} without Manage Users there");
        if (user.SupportStaff || user.Archived)
        {
            Violation($"made {what} as {(user.SupportStaff ? "support staff" : "archived")}");
        }
    }

    /// <summary>Rule 7: a user with no access left anywhere is archived, by whoever took the last of it away.</summary>
    private void Archived(Guid userId)
    {
        var places = before.Places(userId);
        var what = $"the archiving of {userId}";
        ReachAll(places, what);
        if (userId == actor.UserId)
        {
            Violation("the actor archived themselves");
        }

        if (after.HoldsAnything(userId))
        {
            Violation($"archived {userId}, who still holds access");
        }

        foreach (var accountId in places)
        {
            Require(accountId, c => c.HasFlag(Can.ManageUsers) && c.Covers(before.Potential(userId, accountId)),
                $"{what} reaches {accountId}, where the actor can't manage them");
        }
    }

    /// <summary>
    /// Name, e-mail, username, phone, password, second factor: they change every account the user can open, so the actor
    /// manages users and is not outranked in each, and is of the user's home account (seed 001); a user may change their
    /// own, but not their sign-in while impersonated.
    /// </summary>
    private void Protected(Guid userId, string fields)
    {
        var open = before.OpenAccounts(userId);
        var what = $"the {fields} of {userId}";
        ReachAll([.. open, .. issuedIn is { } here ? [here] : Array.Empty<Guid>()], what);
        if (userId == actor.UserId)
        {
            if (actor.Impersonated && (fields.Contains("e-mail") || fields.Contains("username") || fields.Contains("password")))
            {
                Violation($"an impersonated session changed {what}: log-in-as is to look, not to take over");
            }

            return;
        }

        foreach (var accountId in open)
        {
            var can = ActorCan(accountId);
            Require(accountId, c => c.HasFlag(Can.ManageUsers), $"changed {what}, who can open {accountId}, where the actor can't manage users");
            Require(accountId, c => c.Covers(before.Potential(userId, accountId)),
                $"changed {what}, who can do more in {accountId} ({before.Potential(userId, accountId)}) than the actor ({can})");
        }

        if (before.Users[userId].HomeAccountId is { } home)
        {
            Require(home, c => c.HasFlag(Can.ManageUsers), $"changed {what}, though the actor doesn't manage users in the user's home account {home}");
        }
        else
        {
            Violation($"changed {what}, who has no home account whose administrators could");
        }
    }

    /// <summary>Nickname, settings, picture: any user manager of an account the user works in, from that account.</summary>
    private void Unprotected(Guid userId, string field)
    {
        var what = $"the {field} of {userId}";
        if (issuedIn is not { } accountId || !before.Accounts.ContainsKey(accountId))
        {
            Reach(null, what);
            Violation($"changed {what} outside any account");
            return;
        }

        Reach(accountId, what);
        if (userId != actor.UserId)
        {
            OnUserIn(accountId, userId, what);
        }
    }

    /// <summary>A change to another user in one account: the actor manages users there, the user works there and can do no more.</summary>
    private void OnUserIn(Guid accountId, Guid userId, string what)
    {
        var can = ActorCan(accountId);
        Require(accountId, c => c.HasFlag(Can.ManageUsers), $"changed {what} from {accountId} without Manage Users there");
        Require(accountId, c => c.Covers(before.Potential(userId, accountId)),
            $"changed {what} from {accountId}, where the user can do more ({before.Potential(userId, accountId)}) than the actor ({can})");
        if (!before.WorksIn(userId, accountId))
        {
            Violation($"changed {what} from {accountId}, where the user doesn't work");
        }
    }

    private void Placements()
    {
        foreach (var key in before.ScheduleAssignments.Keys.Union(after.ScheduleAssignments.Keys)
                     .Where(k => !Equals(before.ScheduleAssignments.GetValueOrDefault(k), after.ScheduleAssignments.GetValueOrDefault(k))))
        {
            Placed(key.AccountId, key.UserId, $"the schedule of {key.UserId} in {key.AccountId}");
        }

        foreach (var (member, change) in Changed(before.GroupMembers, after.GroupMembers))
        {
            var accountId = (before.Groups.GetValueOrDefault(member.GroupId) ?? after.Groups.GetValueOrDefault(member.GroupId))!.AccountId;
            Placed(accountId, member.UserId, $"the groups of {member.UserId} in {accountId} ({change})");
        }

        foreach (var (id, accountId) in Changed(before.Schedules, after.Schedules, s => s.AccountId)
                     .Concat(Changed(before.Groups, after.Groups, g => g.AccountId)))
        {
            Reach(accountId, $"schedule or group {id}");
            Require(accountId, c => c.HasFlag(Can.ManageUsers) || c.HasFlag(Can.ManageAccountSettings),
                $"changed schedule or group {id} of {accountId} without managing it");
        }
    }

    /// <summary>A schedule or group of an account is its user managers' to give, the user's own included.</summary>
    private void Placed(Guid accountId, Guid userId, string what)
    {
        Reach(accountId, what);
        if (userId == actor.UserId)
        {
            Require(accountId, c => c.HasFlag(Can.ManageUsers), $"changed {what} without Manage Users there");
        }
        else
        {
            OnUserIn(accountId, userId, what);
        }
    }

    private void OwnerRemovals()
    {
        foreach (var id in before.OwnerRemovals.Keys.Union(after.OwnerRemovals.Keys))
        {
            var was = before.OwnerRemovals.GetValueOrDefault(id);
            var now = after.OwnerRemovals.GetValueOrDefault(id);
            if (Equals(was, now))
            {
                continue;
            }

            var request = (now ?? was)!;
            var what = $"owner-removal request {id} ({Show(was)} → {Show(now)})";
            Reach(request.AccountId, what);
            if (was is null)
            {
                if (request.RequestedById != actor.UserId || request.OwnerUserId == actor.UserId)
                {
                    Violation($"made {what} in someone else's name or about the actor");
                }

                Require(request.AccountId, c => c.HasFlag(Can.ManageOwners), $"made {what} without Manage Owners there");
            }
            else if (now is null || was with { Status = now.Status } != now || was.Status != OwnerRemovalStatus.Pending)
            {
                Violation($"changed {what} other than by answering it");
            }
            else if (was.OwnerUserId != actor.UserId)
            {
                Violation($"answered {what}, which only its Owner may answer");
            }
            else if (now.Status == OwnerRemovalStatus.Approved && actor.Impersonated)
            {
                Violation($"approved {what} while impersonated");
            }
        }
    }

    private void BulkImports()
    {
        foreach (var import in after.BulkImports.Values.Where(i => !before.BulkImports.ContainsKey(i.Id)))
        {
            Reach(import.AccountId, $"bulk import {import.Id}");
            Require(import.AccountId, c => c.HasFlag(Can.ManageUsers),
                $"recorded bulk import {import.Id} in {import.AccountId} without Manage Users there");
        }
    }

    /// <summary>Support staff hold no customer membership, agency role or division place, whatever a command asks.</summary>
    private void SupportStaffHoldNothing()
    {
        foreach (var user in after.Users.Values.Where(u => u.SupportStaff && after.HoldsAnything(u.Id) && !before.HoldsAnything(u.Id)))
        {
            Violation($"support-staff user {user.Id} now holds a customer role");
        }
    }

    private static IEnumerable<(T Row, string Change)> Changed<T>(IReadOnlySet<T> was, IReadOnlySet<T> now) =>
        was.Where(r => !now.Contains(r)).Select(r => (r, "taken away")).Concat(now.Where(r => !was.Contains(r)).Select(r => (r, "given")));

    private static IEnumerable<(Guid Id, Guid AccountId)> Changed<T>(
        IReadOnlyDictionary<Guid, T> was, IReadOnlyDictionary<Guid, T> now, Func<T, Guid> accountOf)
        where T : class =>
        was.Keys.Union(now.Keys)
            .Where(id => !Equals(was.GetValueOrDefault(id), now.GetValueOrDefault(id)))
            .Select(id => (id, accountOf((was.GetValueOrDefault(id) ?? now.GetValueOrDefault(id))!)));

    private static string Show(object? value) => value?.ToString() ?? "none";
}
