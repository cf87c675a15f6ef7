using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Agencies;

/// <param name="EditIn">The account of the agency whose user page edits them: their home account if it is one, else
/// the first of theirs by name; null when they work in none.</param>
public sealed record AgencyUserRow(
    Guid UserId, string Name, string Email, IReadOnlyList<AgencyRole> AgencyRoles, int Accounts, bool Invited, string Key, Guid? EditIn = null);

public sealed record AgencyUserPage(IReadOnlyList<AgencyUserRow> Rows, string? NextAfter);

public interface IAgencyUsers
{
    /// <summary>The All Accounts list: everyone with a grant anywhere in the agency, by name, <paramref name="take"/> after a name key.</summary>
    Task<AgencyUserPage> ListAsync(Guid agencyId, string? search, string? after, int take, CancellationToken cancellationToken = default);

    /// <summary>One user as the All Accounts list shows them, if they hold an agency role there.</summary>
    Task<AgencyUserRow?> FindRoleHolderAsync(Guid agencyId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes an Agency Administrator from the whole agency at once (seed 000, rule 3): the agency role, every membership
    /// in the agency's accounts and every division grant there go in set-based statements of one transaction.
    /// </summary>
    Task<CommandResult> RemoveAgencyAdministratorAsync(Guid actorId, Guid agencyId, Guid userId, CancellationToken cancellationToken = default);
}

public sealed class AgencyUsers(
    AccountAdminDbContext db, IAccessService access, AuditTrail audit, EmailOutbox outbox, EmailTemplates templates, ChangeAuthors authors, TimeProvider clock)
    : IAgencyUsers
{
    public async Task<AgencyUserPage> ListAsync(Guid agencyId, string? search, string? after, int take, CancellationToken cancellationToken = default)
    {
        var members = db.UserIdsOf(agencyId);

        var users = db.Users.AsNoTracking().Where(u => members.Contains(u.Id) && u.ArchivedAt == null);
        if (search is { Length: > 0 })
        {
            var named = db.UsersNamed(DirectoryKeys.Fold(search)).Select(u => u.Id);
            users = users.Where(u => named.Contains(u.Id));
        }

        if (after is not null)
        {
            users = users.Where(u => string.Compare(u.NameKey, after) > 0);
        }

        var page = await users.OrderBy(u => u.NameKey).Take(take + 1)
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, Invited = u.PasswordHash == null, u.NameKey, u.HomeAccountId })
            .ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Id).ToList();

        // One query each for the page's roles and accounts, not one per row.
        var roles = (await db.AgencyRoleGrants.AsNoTracking().Where(g => g.AgencyId == agencyId && ids.Contains(g.UserId))
                .Select(g => new { g.UserId, g.Role }).ToListAsync(cancellationToken))
            .ToLookup(g => g.UserId, g => g.Role);
        var accounts = (await db.Memberships.AsNoTracking()
                .Where(m => m.EndedAt == null && m.Account.AgencyId == agencyId && ids.Contains(m.UserId))
                .Select(m => new { m.UserId, m.AccountId, m.Account.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.UserId);

        var rows = page.Take(take)
            .Select(p =>
            {
                var theirs = accounts[p.Id].OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
                var editIn = theirs.FirstOrDefault(a => a.AccountId == p.HomeAccountId)?.AccountId ?? theirs.FirstOrDefault()?.AccountId;
                return new AgencyUserRow(p.Id, $"{p.FirstName} {p.LastName}", p.Email!, roles[p.Id].Order().ToList(), theirs.Count, p.Invited, p.NameKey, editIn);
            })
            .ToList();
        return new AgencyUserPage(rows, page.Count > take ? rows[^1].Key : null);
    }

    public async Task<AgencyUserRow?> FindRoleHolderAsync(Guid agencyId, Guid userId, CancellationToken cancellationToken = default)
    {
        var roles = await db.AgencyRoleGrants.AsNoTracking()
            .Where(g => g.AgencyId == agencyId && g.UserId == userId).Select(g => g.Role).ToListAsync(cancellationToken);
        if (roles.Count == 0)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var accounts = await db.Memberships.CountAsync(m => m.UserId == userId && m.EndedAt == null && m.Account.AgencyId == agencyId, cancellationToken);
        return new AgencyUserRow(user.Id, user.DisplayName, user.Email!, roles.Order().ToList(), accounts, user.PasswordHash is null, user.NameKey);
    }

    public async Task<CommandResult> RemoveAgencyAdministratorAsync(Guid actorId, Guid agencyId, Guid userId, CancellationToken cancellationToken = default)
    {
        var actor = await access.GetAgencyAsync(actorId, agencyId, cancellationToken);
        if (actor is null)
        {
            return CommandResult.NotFound;
        }

        if (!actor.Has(Permission.ManageAgencyUsers))
        {
            return CommandResult.Forbidden;
        }

        if (actorId == userId)
        {
            return CommandResult.Refused(UserErrors.CannotRemoveSelf);
        }

        if (ActorGuard.RefuseSuspended(actor, actor.SuspendedIn.Keys) is { } suspended)
        {
            return suspended;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !await db.AgencyRoleGrants.AnyAsync(
                g => g.AgencyId == agencyId && g.UserId == userId && g.Role == AgencyRole.AgencyAdministrator, cancellationToken))
        {
            return CommandResult.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ended = await db.Memberships
            .Where(m => m.UserId == userId && m.EndedAt == null && m.Account.AgencyId == agencyId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.EndedAt, now).SetProperty(m => m.EndedById, actorId), cancellationToken);
        await db.AgencyRoleGrants.Where(g => g.AgencyId == agencyId && g.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var divisions = db.Divisions.Where(v => v.AgencyId == agencyId).Select(v => v.Id);
        await db.DivisionMembers.Where(d => d.UserId == userId && divisions.Contains(d.DivisionId)).ExecuteDeleteAsync(cancellationToken);
        await db.DivisionAdministrators.Where(d => d.UserId == userId && divisions.Contains(d.DivisionId)).ExecuteDeleteAsync(cancellationToken);

        audit.Record(AuditActions.AgencyAdministratorRemoved, agencyId, targetUserId: userId,
            details: $"Removed from all accounts of {actor.AgencyName} ({ended} memberships ended)", actorUserId: actorId);
        var (subject, text, html) = templates.RemovedFromAgency(user, actor.AgencyName, await authors.OfAsync(actorId, cancellationToken));
        outbox.Enqueue(user.Email!, subject, text, html);
        if (!await db.HasAnyAccessAsync(userId, cancellationToken))
        {
            await db.ArchiveAsync(user, now, cancellationToken);
            audit.Record(AuditActions.UserArchived, agencyId, targetUserId: userId, details: "No access left anywhere", actorUserId: actorId);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CommandResult.Done;
    }
}
