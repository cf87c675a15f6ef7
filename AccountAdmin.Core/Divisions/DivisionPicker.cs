using AccountAdmin.Core.Agencies;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Divisions;

/// <summary>The two lists of a division's editor: what may be added, and what is in the division.</summary>
public enum PickerSide
{
    Eligible = 1,
    Assigned = 2,
}

/// <summary>
/// What an editor has moved and not saved yet: the items put in (an account with the division it was in when picked,
/// so that a move made meanwhile by someone else is noticed on save) and the ids taken out.
/// </summary>
public sealed record PickerPending(IReadOnlyList<PickedItem> Added, IReadOnlyList<Guid> Removed)
{
    public static readonly PickerPending None = new([], []);

    /// <summary>After putting <paramref name="items"/> in: one taken out before is simply no longer taken out.</summary>
    public PickerPending With(IEnumerable<PickedItem> items)
    {
        var added = Added.ToDictionary(i => i.Id);
        var removed = Removed.ToHashSet();
        foreach (var item in items)
        {
            if (!removed.Remove(item.Id))
            {
                added.TryAdd(item.Id, item);
            }
        }

        return new PickerPending(added.Values.ToList(), Removed.Where(removed.Contains).ToList());
    }

    /// <summary>After taking <paramref name="ids"/> out: one put in before is simply no longer put in.</summary>
    public PickerPending Without(IEnumerable<Guid> ids)
    {
        var added = Added.ToDictionary(i => i.Id);
        var removed = Removed.ToList();
        var seen = Removed.ToHashSet();
        foreach (var id in ids)
        {
            if (!added.Remove(id) && seen.Add(id))
            {
                removed.Add(id);
            }
        }

        return new PickerPending(Added.Where(i => added.ContainsKey(i.Id)).ToList(), removed);
    }

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0;
}

/// <summary>
/// One page of one list, in name order: <paramref name="Total"/> on that side, <paramref name="Matching"/> of them the
/// filter keeps, and where the next and previous pages start (after an item's id; an empty string for the first page,
/// null where there is none).
/// </summary>
public sealed record PickerPage(IReadOnlyList<PickerOption> Options, int Total, int Matching, string? Next, string? Previous);

public interface IDivisionPicker
{
    /// <summary>
    /// A page of <paramref name="side"/> as the editor shows it with <paramref name="pending"/> laid over the division as it
    /// is: the actor's accounts (Edit Accounts) or the agency's people (Edit Assigned Users, Edit Admins), by name,
    /// <paramref name="take"/> after the item <paramref name="after"/>, those whose name (and for people e-mail) holds
    /// <paramref name="filter"/>. The caller has checked that the actor may open the editor.
    /// </summary>
    Task<PickerPage> PageAsync(
        AgencyContext actor, Guid divisionId, DivisionEditor editor, PickerSide side, PickerPending pending, string? filter, Guid? after, int take,
        CancellationToken cancellationToken = default);

    /// <summary>Every item of <paramref name="side"/> the filter keeps ("Add all matching"), up to <see cref="DivisionRules.MaxPicked"/>.</summary>
    Task<IReadOnlyList<PickedItem>> MatchingAsync(
        AgencyContext actor, Guid divisionId, DivisionEditor editor, PickerSide side, PickerPending pending, string? filter,
        CancellationToken cancellationToken = default);
}

public sealed class DivisionPicker(AccountAdminDbContext db) : IDivisionPicker
{
    public async Task<PickerPage> PageAsync(
        AgencyContext actor, Guid divisionId, DivisionEditor editor, PickerSide side, PickerPending pending, string? filter, Guid? after, int take,
        CancellationToken cancellationToken = default)
    {
        if (editor == DivisionEditor.Accounts)
        {
            return await AccountsPageAsync(actor, divisionId, side, pending, filter, after, take, cancellationToken);
        }

        return await PeoplePageAsync(actor, divisionId, editor, side, pending, filter, after, take, cancellationToken);
    }

    public async Task<IReadOnlyList<PickedItem>> MatchingAsync(
        AgencyContext actor, Guid divisionId, DivisionEditor editor, PickerSide side, PickerPending pending, string? filter,
        CancellationToken cancellationToken = default)
    {
        if (editor == DivisionEditor.Accounts)
        {
            return await Filtered(Accounts(actor, divisionId, side, pending), filter)
                .OrderBy(a => a.Name).ThenBy(a => a.Id)
                .Take(DivisionRules.MaxPicked)
                .Select(a => new PickedItem(a.Id, a.DivisionId))
                .ToListAsync(cancellationToken);
        }

        return await Filtered(People(actor, divisionId, editor, side, pending), filter)
            .OrderBy(u => u.NameKey).ThenBy(u => u.Id)
            .Take(DivisionRules.MaxPicked)
            .Select(u => new PickedItem(u.Id, null))
            .ToListAsync(cancellationToken);
    }

    private async Task<PickerPage> AccountsPageAsync(
        AgencyContext actor, Guid divisionId, PickerSide side, PickerPending pending, string? filter, Guid? after, int take, CancellationToken cancellationToken)
    {
        var all = Accounts(actor, divisionId, side, pending);
        var matching = Filtered(all, filter);
        var from = after is { } id
            ? await db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Id, a.Name }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var forward = from is null
            ? matching
            : matching.Where(a => string.Compare(a.Name, from.Name) > 0 || (a.Name == from.Name && a.Id.CompareTo(from.Id) > 0));
        var rows = await forward.OrderBy(a => a.Name).ThenBy(a => a.Id).Take(take + 1)
            .Select(a => new { a.Id, a.Name, a.DivisionId, DivisionName = a.Division != null ? a.Division.Name : null })
            .ToListAsync(cancellationToken);
        string? previous = null;
        if (from is not null)
        {
            var before = await matching.Where(a => string.Compare(a.Name, from.Name) < 0 || (a.Name == from.Name && a.Id.CompareTo(from.Id) <= 0))
                .OrderByDescending(a => a.Name).ThenByDescending(a => a.Id).Take(take + 1).Select(a => a.Id)
                .ToListAsync(cancellationToken);
            previous = before.Count > take ? Cursor(before[take]) : "";
        }

        var total = await all.CountAsync(cancellationToken);
        var options = rows.Take(take)
            .Select(a => a.DivisionId == divisionId || a.DivisionId is null
                ? new PickerOption(a.Id, a.Name, null)
                : new PickerOption(a.Id, a.Name, null, a.DivisionId, a.DivisionName))
            .ToList();
        return new PickerPage(
            options, total, Blank(filter) ? total : await matching.CountAsync(cancellationToken),
            rows.Count > take ? Cursor(options[^1].Id) : null, previous);
    }

    private async Task<PickerPage> PeoplePageAsync(
        AgencyContext actor, Guid divisionId, DivisionEditor editor, PickerSide side, PickerPending pending, string? filter, Guid? after, int take,
        CancellationToken cancellationToken)
    {
        var all = People(actor, divisionId, editor, side, pending);
        var matching = Filtered(all, filter);
        var from = after is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.NameKey }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var forward = from is null
            ? matching
            : matching.Where(u => string.Compare(u.NameKey, from.NameKey) > 0 || (u.NameKey == from.NameKey && u.Id.CompareTo(from.Id) > 0));
        var rows = await forward.OrderBy(u => u.NameKey).ThenBy(u => u.Id).Take(take + 1)
            .Select(u => new PickerOption(u.Id, u.FirstName + " " + u.LastName, u.Email, null, null))
            .ToListAsync(cancellationToken);
        string? previous = null;
        if (from is not null)
        {
            var before = await matching.Where(u => string.Compare(u.NameKey, from.NameKey) < 0 || (u.NameKey == from.NameKey && u.Id.CompareTo(from.Id) <= 0))
                .OrderByDescending(u => u.NameKey).ThenByDescending(u => u.Id).Take(take + 1).Select(u => u.Id)
                .ToListAsync(cancellationToken);
            previous = before.Count > take ? Cursor(before[take]) : "";
        }

        var total = await all.CountAsync(cancellationToken);
        var options = rows.Take(take).ToList();
        return new PickerPage(
            options, total, Blank(filter) ? total : await matching.CountAsync(cancellationToken),
            rows.Count > take ? Cursor(options[^1].Id) : null, previous);
    }

    /// <summary>
    /// The accounts on one side: those the actor may move (all of the agency's for an Agency Administrator; for a
    /// Division Administrator this division's, their other divisions', and those in none they administer), the
    /// division's on the right, with the pending moves laid over.
    /// </summary>
    private IQueryable<Account> Accounts(AgencyContext actor, Guid divisionId, PickerSide side, PickerPending pending)
    {
        var everyAccount = actor.Has(Permission.ManageDivisions);
        var mine = actor.AdministeredDivisions.ToList();
        var actorId = actor.UserId;
        var added = pending.Added.Select(i => i.Id).ToList();
        var removed = pending.Removed.ToList();
        var accounts = db.Accounts.AsNoTracking()
            .Where(a => a.AgencyId == actor.AgencyId
                        && (everyAccount || a.DivisionId == divisionId || mine.Contains(a.DivisionId!.Value)
                            || (a.DivisionId == null && db.Memberships.Any(m => m.AccountId == a.Id && m.UserId == actorId && m.EndedAt == null
                                && m.Status == MembershipStatus.Active && (m.Role == AccountRole.Owner || m.Role == AccountRole.Administrator)))));
        return side == PickerSide.Assigned
            ? accounts.Where(a => (a.DivisionId == divisionId && !removed.Contains(a.Id)) || added.Contains(a.Id))
            : accounts.Where(a => !((a.DivisionId == divisionId && !removed.Contains(a.Id)) || added.Contains(a.Id)));
    }

    /// <summary>The agency's people who are not archived, the division's members (or administrators) on the right.</summary>
    private IQueryable<AppUser> People(AgencyContext actor, Guid divisionId, DivisionEditor editor, PickerSide side, PickerPending pending)
    {
        var added = pending.Added.Select(i => i.Id).ToList();
        var removed = pending.Removed.ToList();
        var assigned = editor == DivisionEditor.Members
            ? db.DivisionMembers.Where(m => m.DivisionId == divisionId).Select(m => m.UserId)
            : db.DivisionAdministrators.Where(m => m.DivisionId == divisionId).Select(m => m.UserId);
        var agencyPeople = db.UserIdsOf(actor.AgencyId);
        var users = db.Users.AsNoTracking().Where(u => u.ArchivedAt == null);
        if (side == PickerSide.Assigned)
        {
            // The division's people are the agency's by definition: only what is put in needs looking up among them.
            return added.Count == 0
                ? users.Where(u => assigned.Contains(u.Id) && !removed.Contains(u.Id))
                : users.Where(u => (assigned.Contains(u.Id) && !removed.Contains(u.Id)) || (added.Contains(u.Id) && agencyPeople.Contains(u.Id)));
        }

        return users.Where(u => agencyPeople.Contains(u.Id) && !((assigned.Contains(u.Id) && !removed.Contains(u.Id)) || added.Contains(u.Id)));
    }

    /// <summary>A filter matches any part of an account's name, whatever its case; every character stands for itself.</summary>
    private static IQueryable<Account> Filtered(IQueryable<Account> accounts, string? filter)
    {
        if (Blank(filter))
        {
            return accounts;
        }

        var term = filter!.Trim().ToLowerInvariant();
        return accounts.Where(a => a.Name.ToLower().Contains(term));
    }

    /// <summary>A filter matches any part of a person's name or e-mail, as the agency's Users list searches.</summary>
    private IQueryable<AppUser> Filtered(IQueryable<AppUser> people, string? filter)
    {
        if (Blank(filter))
        {
            return people;
        }

        var named = db.UsersNamed(DirectoryKeys.Fold(filter!)).Select(u => u.Id);
        return people.Where(u => named.Contains(u.Id));
    }

    private static bool Blank(string? filter) => string.IsNullOrWhiteSpace(filter);

    private static string Cursor(Guid id) => id.ToString("N");
}
