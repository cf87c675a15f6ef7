using AccountAdmin.Core.Agencies;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Divisions;

public sealed record DivisionRow(Guid Id, string Name, string? Description, int Accounts, int Members, int Administrators);

/// <summary>A division's page: its details, how many accounts, members and administrators it has, and the first of each.</summary>
public sealed record DivisionPage(
    Guid Id, string Name, string? Description, int AccountCount, int MemberCount, int AdministratorCount,
    IReadOnlyList<NamedItem> Accounts, IReadOnlyList<NamedItem> Members, IReadOnlyList<NamedItem> Administrators);

/// <summary>One option of a two-list picker; an account in another division carries that division.</summary>
public sealed record PickerOption(Guid Id, string Label, string? Detail, Guid? DivisionId = null, string? DivisionName = null);

/// <summary>A division as a user's page shows it: whether the user is in it, and whether the actor may change that.</summary>
public sealed record UserDivision(Guid Id, string Name, bool Member, bool Administrator, bool Manageable);

/// <param name="Moved">Of the accounts added, those that came from another division, with its name.</param>
public sealed record DivisionChange(CommandResult Result, int Added, int Removed, IReadOnlyList<(string Account, string From)>? Moved = null)
{
    public static implicit operator DivisionChange(CommandResult result) => new(result, 0, 0);
}

public interface IDivisionService
{
    /// <summary>The divisions <paramref name="actor"/> manages in the agency, by name, each with its counts, in one query.</summary>
    Task<IReadOnlyList<DivisionRow>> ListAsync(AgencyContext actor, CancellationToken cancellationToken = default);

    /// <summary>The division's page with the first <paramref name="take"/> of each list; null when the agency has no such division.</summary>
    Task<DivisionPage?> GetAsync(Guid agencyId, Guid divisionId, int take, CancellationToken cancellationToken = default);

    /// <summary>New Division (Agency Administrators only); the name is unique in the agency, whatever its case.</summary>
    Task<(CommandResult Result, Guid? DivisionId)> CreateAsync(
        Guid actorId, Guid agencyId, string? name, string? description, CancellationToken cancellationToken = default);

    Task<CommandResult> UpdateAsync(Guid actorId, Guid agencyId, Guid divisionId, string? name, string? description, CancellationToken cancellationToken = default);

    /// <summary>Deletes the division and its assignments; its accounts and users stay (seed 002).</summary>
    Task<CommandResult> DeleteAsync(Guid actorId, Guid agencyId, Guid divisionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves one editor: what is in <paramref name="after"/> and not in <paramref name="before"/> joins the division, what is
    /// in <paramref name="before"/> and not in <paramref name="after"/> leaves it (the editor sends what it moved in and what
    /// it took out), set-based, in one transaction; nothing else is touched. An account moved by someone else after it was
    /// picked refuses the whole save.
    /// </summary>
    Task<DivisionChange> SaveAsync(
        Guid actorId, Guid agencyId, Guid divisionId, DivisionEditor editor, IReadOnlyList<PickedItem> after, IReadOnlyList<PickedItem> before,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Every division of the agency with the user's place in it, for Edit Assigned Divisions; null when the actor
    /// manages no division there.
    /// </summary>
    Task<IReadOnlyList<UserDivision>?> OfUserAsync(Guid actorId, Guid agencyId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Edit Assigned Divisions: of the <paramref name="shown"/> divisions, the user becomes a member of the
    /// <paramref name="chosen"/> ones and leaves the others.
    /// </summary>
    Task<DivisionChange> SetUserDivisionsAsync(
        Guid actorId, Guid agencyId, Guid userId, IReadOnlyCollection<Guid> shown, IReadOnlyCollection<Guid> chosen,
        CancellationToken cancellationToken = default);
}

public sealed class DivisionService(AccountAdminDbContext db, IAccessService access, AuditTrail audit, TimeProvider clock) : IDivisionService
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<DivisionRow>> ListAsync(AgencyContext actor, CancellationToken cancellationToken = default)
    {
        var all = actor.Has(Permission.ManageDivisions);
        var mine = actor.AdministeredDivisions.ToList();
        return await db.Divisions.AsNoTracking()
            .Where(d => d.AgencyId == actor.AgencyId && (all || mine.Contains(d.Id)))
            .OrderBy(d => d.NormalizedName)
            .Select(d => new DivisionRow(
                d.Id, d.Name, d.Description,
                db.Accounts.Count(a => a.DivisionId == d.Id),
                db.DivisionMembers.Count(m => m.DivisionId == d.Id),
                db.DivisionAdministrators.Count(m => m.DivisionId == d.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<DivisionPage?> GetAsync(Guid agencyId, Guid divisionId, int take, CancellationToken cancellationToken = default)
    {
        var division = await db.Divisions.AsNoTracking()
            .Where(d => d.Id == divisionId && d.AgencyId == agencyId)
            .Select(d => new
            {
                d.Name,
                d.Description,
                Accounts = db.Accounts.Count(a => a.DivisionId == d.Id),
                Members = db.DivisionMembers.Count(m => m.DivisionId == d.Id),
                Administrators = db.DivisionAdministrators.Count(m => m.DivisionId == d.Id),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (division is null)
        {
            return null;
        }

        var accounts = await db.Accounts.AsNoTracking().Where(a => a.DivisionId == divisionId)
            .OrderBy(a => a.Name).ThenBy(a => a.Id).Take(take)
            .Select(a => new NamedItem(a.Id, a.Name, null))
            .ToListAsync(cancellationToken);
        var members = await People(db.DivisionMembers.Where(m => m.DivisionId == divisionId).Select(m => m.UserId))
            .Take(take).ToListAsync(cancellationToken);
        var administrators = await People(db.DivisionAdministrators.Where(m => m.DivisionId == divisionId).Select(m => m.UserId))
            .Take(take).ToListAsync(cancellationToken);
        return new DivisionPage(
            divisionId, division.Name, division.Description, division.Accounts, division.Members, division.Administrators,
            accounts, members, administrators);
    }

    private IQueryable<NamedItem> People(IQueryable<Guid> ids) =>
        db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.NameKey)
            .Select(u => new NamedItem(u.Id, u.FirstName + " " + u.LastName, u.Email));

    public async Task<(CommandResult Result, Guid? DivisionId)> CreateAsync(
        Guid actorId, Guid agencyId, string? name, string? description, CancellationToken cancellationToken = default)
    {
        if (await CheckAsync(actorId, agencyId, null, cancellationToken) is { } refusal)
        {
            return (refusal, null);
        }

        if (DivisionRules.Details(name, description).ToArray() is { Length: > 0 } errors)
        {
            return (CommandResult.Refused(errors), null);
        }

        var division = new Division(agencyId, name!, description, Now);
        if (await NameTakenAsync(agencyId, division.NormalizedName, null, cancellationToken))
        {
            return (CommandResult.Refused(DivisionErrors.DuplicateName), null);
        }

        db.Divisions.Add(division);
        audit.Record(AuditActions.DivisionCreated, agencyId, details: division.Name, actorUserId: actorId);
        return (await SaveUniqueAsync(cancellationToken), division.Id);
    }

    public async Task<CommandResult> UpdateAsync(
        Guid actorId, Guid agencyId, Guid divisionId, string? name, string? description, CancellationToken cancellationToken = default)
    {
        if (await CheckAsync(actorId, agencyId, divisionId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (DivisionRules.Details(name, description).ToArray() is { Length: > 0 } errors)
        {
            return CommandResult.Refused(errors);
        }

        var division = await db.Divisions.SingleAsync(d => d.Id == divisionId, cancellationToken);
        var before = division.Name;
        division.Rename(name!, description);
        if (await NameTakenAsync(agencyId, division.NormalizedName, divisionId, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(DivisionErrors.DuplicateName);
        }

        audit.Record(AuditActions.DivisionUpdated, agencyId, details: before == division.Name ? division.Name : $"{before} → {division.Name}", actorUserId: actorId);
        return await SaveUniqueAsync(cancellationToken);
    }

    public async Task<CommandResult> DeleteAsync(Guid actorId, Guid agencyId, Guid divisionId, CancellationToken cancellationToken = default)
    {
        if (await CheckAsync(actorId, agencyId, divisionId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var actor = (await access.GetAgencyAsync(actorId, agencyId, cancellationToken))!;
        if (await RefuseSuspendedAsync(actor, [divisionId], "", cancellationToken) is { } suspended)
        {
            return suspended;
        }

        return await db.AtomicallyAsync(async () =>
        {
            var name = await db.Divisions.Where(d => d.Id == divisionId).Select(d => d.Name).SingleAsync(cancellationToken);
            var accounts = await db.Accounts.Where(a => a.DivisionId == divisionId)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.DivisionId, (Guid?)null), cancellationToken);
            var members = await db.DivisionMembers.Where(m => m.DivisionId == divisionId).ExecuteDeleteAsync(cancellationToken);
            var administrators = await db.DivisionAdministrators.Where(m => m.DivisionId == divisionId).ExecuteDeleteAsync(cancellationToken);
            await db.Divisions.Where(d => d.Id == divisionId).ExecuteDeleteAsync(cancellationToken);
            audit.Record(AuditActions.DivisionDeleted, agencyId, actorUserId: actorId,
                details: $"{name}: {English.Count(accounts, "account")}, {English.Count(members, "user")} and {English.Count(administrators, "administrator")} left it");
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        }, cancellationToken);
    }

    /// <summary>New, edit and delete are for Agency Administrators; the division, when given, must be the agency's.</summary>
    private async Task<CommandResult?> CheckAsync(Guid actorId, Guid agencyId, Guid? divisionId, CancellationToken cancellationToken)
    {
        var actor = await access.GetAgencyAsync(actorId, agencyId, cancellationToken);
        if (actor is null || (divisionId is { } id && !await db.Divisions.AnyAsync(d => d.Id == id && d.AgencyId == agencyId, cancellationToken)))
        {
            return CommandResult.NotFound;
        }

        return actor.Has(Permission.ManageDivisions) ? null : CommandResult.Forbidden;
    }

    /// <summary>A change to the divisions' people reaches all their accounts: refused when the actor is suspended in one.</summary>
    private async Task<CommandResult?> RefuseSuspendedAsync(
        AgencyContext actor, IReadOnlyCollection<Guid> divisionIds, string field, CancellationToken cancellationToken) =>
        actor.SuspendedIn.Count == 0 ? null : ActorGuard.RefuseSuspended(actor, await db.Accounts
            .Where(a => a.DivisionId != null && divisionIds.Contains(a.DivisionId.Value)).Select(a => a.Id).ToListAsync(cancellationToken), field);

    private Task<bool> NameTakenAsync(Guid agencyId, string normalizedName, Guid? except, CancellationToken cancellationToken) =>
        db.Divisions.AnyAsync(d => d.AgencyId == agencyId && d.NormalizedName == normalizedName && d.Id != except, cancellationToken);

    /// <summary>Saves; a name taken by another request at the same moment is refused like one taken before.</summary>
    private async Task<CommandResult> SaveUniqueAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(DivisionErrors.DuplicateName);
        }
    }

    public async Task<DivisionChange> SaveAsync(
        Guid actorId, Guid agencyId, Guid divisionId, DivisionEditor editor, IReadOnlyList<PickedItem> after, IReadOnlyList<PickedItem> before,
        CancellationToken cancellationToken = default)
    {
        var actor = await access.GetAgencyAsync(actorId, agencyId, cancellationToken);
        var division = await db.Divisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == divisionId && d.AgencyId == agencyId, cancellationToken);
        if (actor is null || division is null)
        {
            return CommandResult.NotFound;
        }

        if (!actor.ManagesDivision(divisionId) || (editor == DivisionEditor.Administrators && !actor.Has(Permission.ManageDivisions)))
        {
            return CommandResult.Forbidden;
        }

        if (after.Count > DivisionRules.MaxPicked || before.Count > DivisionRules.MaxPicked)
        {
            return CommandResult.Refused(DivisionErrors.Unreadable);
        }

        var beforeIds = before.Select(i => i.Id).ToHashSet();
        var afterIds = after.Select(i => i.Id).ToHashSet();
        var added = after.Where(i => !beforeIds.Contains(i.Id)).ToList();
        var removed = beforeIds.Where(id => !afterIds.Contains(id)).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return new DivisionChange(CommandResult.Done, 0, 0);
        }

        // Moving an account changes who administers it; a division's people are granted roles on all its accounts.
        var suspended = editor == DivisionEditor.Accounts
            ? ActorGuard.RefuseSuspended(actor, added.Select(i => i.Id).Concat(removed), "Assigned")
            : await RefuseSuspendedAsync(actor, [divisionId], "Assigned", cancellationToken);
        if (suspended is not null)
        {
            return suspended;
        }

        try
        {
            DivisionChange change = CommandResult.Done;
            await db.AtomicallyAsync(
                async () => change = editor == DivisionEditor.Accounts
                    ? await MoveAccountsAsync(actorId, actor, division, added, removed, cancellationToken)
                    : await SetPeopleAsync(actorId, actor, division, editor, added.Select(i => i.Id).ToList(), removed, cancellationToken),
                c => c.Result.Succeeded,
                cancellationToken);
            return change;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(DivisionErrors.ChangedMeanwhile(editor));
        }
    }

    private async Task<DivisionChange> MoveAccountsAsync(
        Guid actorId, AgencyContext actor, Division division, IReadOnlyList<PickedItem> added, IReadOnlyList<Guid> removed, CancellationToken cancellationToken)
    {
        var touched = added.Select(i => i.Id).Concat(removed).ToList();
        var current = await db.Accounts.AsNoTracking()
            .Where(a => touched.Contains(a.Id))
            .Select(a => new { a.Id, a.AgencyId, a.Name, a.DivisionId, DivisionName = a.Division != null ? a.Division.Name : null })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        if (current.Count != touched.Count || current.Values.Any(a => a.AgencyId != actor.AgencyId))
        {
            return CommandResult.Refused(DivisionErrors.NotInAgency);
        }

        var notManaged = added
            .Select(i => current[i.Id])
            .FirstOrDefault(a => a.DivisionId is { } from && from != division.Id && !actor.ManagesDivision(from));
        if (notManaged is not null)
        {
            return CommandResult.Refused(DivisionErrors.AccountInForeignDivision(notManaged.Name, notManaged.DivisionName));
        }

        // Moving an account into a division makes the division's administrators its administrators: a Division Administrator
        // brings in only accounts they already administer.
        if (!actor.Has(Permission.ManageDivisions))
        {
            var arriving = added.Select(i => i.Id).Where(id => current[id].DivisionId is null).ToList();
            var administered = await AdministeredByMembershipAsync(actorId, arriving, cancellationToken);
            if (arriving.FirstOrDefault(id => !administered.Contains(id)) is var foreign && foreign != Guid.Empty)
            {
                return CommandResult.Refused(DivisionErrors.NotAdministered(current[foreign].Name));
            }
        }

        var moved = added.Where(i => current[i.Id].DivisionId != division.Id && current[i.Id].DivisionId != i.ShownIn).ToList();
        if (moved.Count > 0)
        {
            return CommandResult.Refused(DivisionErrors.AccountsMovedMeanwhile(moved.Select(i => (current[i.Id].Name, current[i.Id].DivisionName)).ToList()));
        }

        var events = new List<AuditEvent>();
        var moves = added.Where(i => current[i.Id].DivisionId != division.Id).ToList();
        foreach (var group in moves.GroupBy(i => current[i.Id].DivisionId))
        {
            var ids = group.Select(i => i.Id).ToList();
            var from = group.Key;
            // The guard on the division catches a move made between the read above and this write.
            var updated = await db.Accounts.Where(a => ids.Contains(a.Id) && a.DivisionId == from)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.DivisionId, division.Id), cancellationToken);
            if (updated != ids.Count)
            {
                return CommandResult.Refused(DivisionErrors.ChangedMeanwhile(DivisionEditor.Accounts));
            }

            events.AddRange(group.Select(i => audit.Create(
                AuditActions.AccountDivisionChanged, actor.AgencyId, i.Id,
                details: $"{current[i.Id].DivisionName ?? "No division"} → {division.Name}", actorUserId: actorId)));
        }

        var leaving = removed.Where(id => current[id].DivisionId == division.Id).ToList();
        if (leaving.Count > 0)
        {
            var updated = await db.Accounts.Where(a => leaving.Contains(a.Id) && a.DivisionId == division.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.DivisionId, (Guid?)null), cancellationToken);
            if (updated != leaving.Count)
            {
                return CommandResult.Refused(DivisionErrors.ChangedMeanwhile(DivisionEditor.Accounts));
            }

            events.AddRange(leaving.Select(id => audit.Create(
                AuditActions.AccountDivisionChanged, actor.AgencyId, id, details: $"{division.Name} → No division", actorUserId: actorId)));
        }

        await audit.RecordAllAsync(events, cancellationToken);
        var fromElsewhere = moves.Where(i => current[i.Id].DivisionName is not null)
            .Select(i => (current[i.Id].Name, current[i.Id].DivisionName!)).OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        return new DivisionChange(CommandResult.Done, moves.Count, leaving.Count, fromElsewhere);
    }

    /// <summary>Of <paramref name="accountIds"/>, those where the actor is an active Owner or Administrator.</summary>
    private async Task<HashSet<Guid>> AdministeredByMembershipAsync(Guid actorId, IReadOnlyList<Guid> accountIds, CancellationToken cancellationToken) =>
        accountIds.Count == 0 ? [] : (await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == actorId && accountIds.Contains(m.AccountId) && m.EndedAt == null && m.Status == MembershipStatus.Active
                        && (m.Role == AccountRole.Owner || m.Role == AccountRole.Administrator))
            .Select(m => m.AccountId).ToListAsync(cancellationToken)).ToHashSet();

    private async Task<DivisionChange> SetPeopleAsync(
        Guid actorId, AgencyContext actor, Division division, DivisionEditor editor, IReadOnlyList<Guid> added, IReadOnlyList<Guid> removed,
        CancellationToken cancellationToken)
    {
        var eligible = await db.Users.CountAsync(
            u => added.Contains(u.Id) && u.ArchivedAt == null && db.UserIdsOf(actor.AgencyId).Contains(u.Id), cancellationToken);
        if (eligible != added.Count)
        {
            return CommandResult.Refused(DivisionErrors.NotInAgency);
        }

        var members = editor == DivisionEditor.Members;
        var touched = added.Concat(removed).ToList();
        var present = (members
                ? db.DivisionMembers.Where(m => m.DivisionId == division.Id && touched.Contains(m.UserId)).Select(m => m.UserId)
                : db.DivisionAdministrators.Where(m => m.DivisionId == division.Id && touched.Contains(m.UserId)).Select(m => m.UserId))
            .ToHashSet();
        var joining = added.Where(id => !present.Contains(id)).ToList();
        var leaving = removed.Where(present.Contains).ToList();
        var now = Now;
        if (members)
        {
            await db.InsertAsync(joining.Select(id => new DivisionMember(division.Id, id, now)).ToList(), cancellationToken);
            await db.DivisionMembers.Where(m => m.DivisionId == division.Id && leaving.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            await db.InsertAsync(joining.Select(id => new DivisionAdministrator(division.Id, id, now)).ToList(), cancellationToken);
            await db.DivisionAdministrators.Where(m => m.DivisionId == division.Id && leaving.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        }

        var (join, leave) = members
            ? (AuditActions.DivisionMemberAdded, AuditActions.DivisionMemberRemoved)
            : (AuditActions.DivisionAdministratorAdded, AuditActions.DivisionAdministratorRemoved);
        await audit.RecordAllAsync(
            [
                .. joining.Select(id => audit.Create(join, actor.AgencyId, targetUserId: id, details: division.Name, actorUserId: actorId)),
                .. leaving.Select(id => audit.Create(leave, actor.AgencyId, targetUserId: id, details: division.Name, actorUserId: actorId)),
            ],
            cancellationToken);
        return new DivisionChange(CommandResult.Done, joining.Count, leaving.Count);
    }

    public async Task<IReadOnlyList<UserDivision>?> OfUserAsync(Guid actorId, Guid agencyId, Guid userId, CancellationToken cancellationToken = default)
    {
        var actor = await access.GetAgencyAsync(actorId, agencyId, cancellationToken);
        if (actor is not { ManagesAnyDivision: true })
        {
            return null;
        }

        var rows = await db.Divisions.AsNoTracking()
            .Where(d => d.AgencyId == actor.AgencyId)
            .OrderBy(d => d.NormalizedName)
            .Select(d => new
            {
                d.Id,
                d.Name,
                Member = db.DivisionMembers.Any(m => m.DivisionId == d.Id && m.UserId == userId),
                Administrator = db.DivisionAdministrators.Any(m => m.DivisionId == d.Id && m.UserId == userId),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new UserDivision(r.Id, r.Name, r.Member, r.Administrator, actor.ManagesDivision(r.Id))).ToList();
    }

    public async Task<DivisionChange> SetUserDivisionsAsync(
        Guid actorId, Guid agencyId, Guid userId, IReadOnlyCollection<Guid> shown, IReadOnlyCollection<Guid> chosen,
        CancellationToken cancellationToken = default)
    {
        var actor = await access.GetAgencyAsync(actorId, agencyId, cancellationToken);
        if (actor is null || !await db.Users.AnyAsync(
                u => u.Id == userId && u.ArchivedAt == null && db.UserIdsOf(agencyId).Contains(u.Id), cancellationToken))
        {
            return CommandResult.NotFound;
        }

        if (!actor.ManagesAnyDivision)
        {
            return CommandResult.Forbidden;
        }

        var shownIds = shown.Distinct().ToList();
        var divisions = await db.Divisions.AsNoTracking()
            .Where(d => shownIds.Contains(d.Id) && d.AgencyId == agencyId).Select(d => new { d.Id, d.Name })
            .ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        if (divisions.Count != shownIds.Count || chosen.Any(id => !divisions.ContainsKey(id)))
        {
            return CommandResult.Refused(DivisionErrors.NotInAgency with { Field = "Divisions" });
        }

        if (shownIds.FirstOrDefault(id => !actor.ManagesDivision(id)) is var foreign && foreign != Guid.Empty)
        {
            return CommandResult.Refused(DivisionErrors.DivisionNotManaged(divisions[foreign]));
        }

        try
        {
            return await db.AtomicallyAsync(
            async () =>
            {
                var present = await db.DivisionMembers.Where(m => m.UserId == userId && shownIds.Contains(m.DivisionId))
                    .Select(m => m.DivisionId).ToListAsync(cancellationToken);
                var joining = chosen.Distinct().Except(present).ToList();
                var leaving = present.Except(chosen).ToList();
                if (await RefuseSuspendedAsync(actor, [.. joining, .. leaving], "Divisions", cancellationToken) is { } suspended)
                {
                    return suspended;
                }

                var now = Now;
                db.DivisionMembers.AddRange(joining.Select(id => new DivisionMember(id, userId, now)));
                await db.DivisionMembers.Where(m => m.UserId == userId && leaving.Contains(m.DivisionId)).ExecuteDeleteAsync(cancellationToken);
                foreach (var id in joining)
                {
                    audit.Record(AuditActions.DivisionMemberAdded, agencyId, targetUserId: userId, details: divisions[id], actorUserId: actorId);
                }

                foreach (var id in leaving)
                {
                    audit.Record(AuditActions.DivisionMemberRemoved, agencyId, targetUserId: userId, details: divisions[id], actorUserId: actorId);
                }

                await db.SaveChangesAsync(cancellationToken);
                return new DivisionChange(CommandResult.Done, joining.Count, leaving.Count);
            },
            c => c.Result.Succeeded,
            cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(DivisionErrors.ChangedMeanwhile(DivisionEditor.Members) with { Field = "Divisions" });
        }
    }
}
