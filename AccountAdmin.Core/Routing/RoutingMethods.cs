using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Routing;

public sealed record RoutingRow(Guid Id, string Name, RoutingKind Kind, int Agents);

/// <param name="Position">Where the agent's row sits in the method's order (with gaps): the key a page of agents starts after.</param>
public sealed record RoutedAgent(Guid UserId, string Name, string Email, MembershipStatus Status, int Position = 0);

/// <summary>A page of a routing method's agents: those after the position <see cref="After"/>, or just before <see cref="Before"/>.</summary>
public sealed record AgentPage(int? After = null, int? Before = null)
{
    public static readonly AgentPage First = new();
}

/// <param name="Agents">One page of them, in their order (a queue hands out activities in it).</param>
/// <param name="FirstPlace">The place in the order of the page's first agent, from 0.</param>
/// <param name="TotalAgents">All the agents, on every page.</param>
/// <param name="Revision">What a form posts back, so that a change made meanwhile is noticed.</param>
public sealed record RoutingDetail(
    Guid Id, string Name, RoutingKind Kind, int Revision, IReadOnlyList<RoutedAgent> Agents, IReadOnlyList<RoutedAgent> Candidates, bool MoreCandidates)
{
    public int FirstPlace { get; init; }

    public int TotalAgents { get; init; }

    public bool HasEarlier => FirstPlace > 0;

    public bool HasLater => FirstPlace + Agents.Count < TotalAgents;
}

/// <summary>
/// An account's routing methods (seed 001: "activities can be routed to the agent by assigning them to the routing
/// method being used in the account"): each a name and a kind, with its Call Agents in order. Every command asks for
/// Manage Account Settings in the method's account; a change to the agents names the revision it was made on.
/// </summary>
public interface IRoutingMethods
{
    Task<IReadOnlyList<RoutingRow>> ListAsync(Guid accountId, CancellationToken cancellationToken = default);

    Task<RoutingDetail?> FindAsync(Guid accountId, Guid methodId, string? search, AgentPage? page = null, CancellationToken cancellationToken = default);

    Task<(CommandResult Result, Guid? MethodId)> CreateAsync(Guid actorId, Guid accountId, string? name, RoutingKind? kind, CancellationToken cancellationToken = default);

    Task<CommandResult> RenameAsync(Guid actorId, Guid accountId, Guid methodId, string? name, CancellationToken cancellationToken = default);

    Task<CommandResult> DeleteAsync(Guid actorId, Guid accountId, Guid methodId, CancellationToken cancellationToken = default);

    /// <summary>Adds the agents at the end, in the order given; all or none.</summary>
    Task<CommandResult> AddAgentsAsync(Guid actorId, Guid accountId, Guid methodId, IReadOnlyList<Guid> userIds, int revision, CancellationToken cancellationToken = default);

    Task<CommandResult> RemoveAgentAsync(Guid actorId, Guid accountId, Guid methodId, Guid userId, int revision, CancellationToken cancellationToken = default);

    /// <summary>Moves an agent one place earlier (<paramref name="earlier"/>) or later in the order.</summary>
    Task<CommandResult> MoveAgentAsync(Guid actorId, Guid accountId, Guid methodId, Guid userId, bool earlier, int revision, CancellationToken cancellationToken = default);
}

public sealed class RoutingMethods(AccountAdminDbContext db, IAccessService access, AuditTrail audit) : IRoutingMethods
{
    public const int ShownCandidates = 50;
    public const int ShownAgents = 100;
    public const int MaxAdded = 1000;

    public async Task<IReadOnlyList<RoutingRow>> ListAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        await db.RoutingMethods.AsNoTracking()
            .Where(m => m.AccountId == accountId)
            .OrderBy(m => m.NormalizedName)
            .Select(m => new RoutingRow(m.Id, m.Name, m.Kind, db.RoutingAgents.Count(
                a => a.RoutingMethodId == m.Id && db.Memberships.Any(x => x.AccountId == accountId && x.UserId == a.UserId && x.EndedAt == null))))
            .ToListAsync(cancellationToken);

    public async Task<RoutingDetail?> FindAsync(
        Guid accountId, Guid methodId, string? search, AgentPage? page = null, CancellationToken cancellationToken = default)
    {
        var method = await db.RoutingMethods.AsNoTracking().SingleOrDefaultAsync(m => m.Id == methodId && m.AccountId == accountId, cancellationToken);
        if (method is null)
        {
            return null;
        }

        // A removed agent's row stays behind their ended membership (for a restore): the order is of those in the account now.
        var present = db.RoutingAgents.Where(a => a.RoutingMethodId == methodId
            && db.Memberships.Any(m => m.AccountId == accountId && m.UserId == a.UserId && m.EndedAt == null));
        var total = await present.CountAsync(cancellationToken);
        var window = page?.Before is { } before
            ? present.Where(a => a.Position < before).OrderByDescending(a => a.Position)
            : present.Where(a => page == null || page.After == null || a.Position > page.After).OrderBy(a => a.Position);
        var rows = (await window.Take(ShownAgents)
            .Join(db.Memberships.Where(m => m.AccountId == accountId && m.EndedAt == null), a => a.UserId, m => m.UserId,
                (a, m) => new RoutedAgent(m.UserId, m.User.FirstName + " " + m.User.LastName, m.User.Email!, m.Status, a.Position))
            .ToListAsync(cancellationToken)).OrderBy(a => a.Position).ToList();
        var firstPlace = rows.Count == 0 ? 0 : await present.CountAsync(a => a.Position < rows[0].Position, cancellationToken);
        var agents = rows;

        var candidates = Agents(accountId).Where(m => !db.RoutingAgents.Any(a => a.RoutingMethodId == methodId && a.UserId == m.UserId));
        if (search?.Trim() is { Length: > 0 } term)
        {
            var folded = DirectoryKeys.Fold(term);
            candidates = candidates.Where(m => m.NameKey.Contains(folded));
        }

        var found = await candidates.OrderBy(m => m.NameKey).Take(ShownCandidates + 1)
            .Select(m => new RoutedAgent(m.UserId, m.User.FirstName + " " + m.User.LastName, m.User.Email!, m.Status))
            .ToListAsync(cancellationToken);
        return new RoutingDetail(method.Id, method.Name, method.Kind, method.Revision, agents, found.Take(ShownCandidates).ToList(), found.Count > ShownCandidates)
        {
            FirstPlace = firstPlace,
            TotalAgents = total,
        };
    }

    public async Task<(CommandResult Result, Guid? MethodId)> CreateAsync(
        Guid actorId, Guid accountId, string? name, RoutingKind? kind, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageAccountSettings, cancellationToken);
        if (actor is null)
        {
            return (refusal!, null);
        }

        var errors = new[] { RoutingErrors.NameProblem(name), kind is { } k && Enum.IsDefined(k) ? null : RoutingErrors.Kind }.OfType<CommandError>().ToArray();
        if (errors.Length > 0)
        {
            return (CommandResult.Refused(errors), null);
        }

        var method = new RoutingMethod(accountId, name!, kind!.Value);
        if (await NameTakenAsync(accountId, method.NormalizedName, null, cancellationToken))
        {
            return (CommandResult.Refused(RoutingErrors.DuplicateName), null);
        }

        db.RoutingMethods.Add(method);
        audit.Record(AuditActions.RoutingCreated, actor.Account.AgencyId, accountId, details: $"{method.Name} ({method.Kind.Display()})", actorUserId: actorId);
        return (await SaveUniqueAsync(cancellationToken), method.Id);
    }

    public async Task<CommandResult> RenameAsync(Guid actorId, Guid accountId, Guid methodId, string? name, CancellationToken cancellationToken = default)
    {
        var (actor, method, refusal) = await MethodAsync(actorId, accountId, methodId, cancellationToken);
        if (method is null)
        {
            return refusal!;
        }

        if (RoutingErrors.NameProblem(name) is { } problem)
        {
            return CommandResult.Refused(problem);
        }

        var before = method.Name;
        method.Rename(name!);
        if (before == method.Name)
        {
            return CommandResult.Done;
        }

        if (await NameTakenAsync(accountId, method.NormalizedName, methodId, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(RoutingErrors.DuplicateName);
        }

        audit.Record(AuditActions.RoutingRenamed, actor!.Account.AgencyId, accountId, details: $"{before} → {method.Name}", actorUserId: actorId);
        return await SaveUniqueAsync(cancellationToken);
    }

    public async Task<CommandResult> DeleteAsync(Guid actorId, Guid accountId, Guid methodId, CancellationToken cancellationToken = default)
    {
        var (actor, method, refusal) = await MethodAsync(actorId, accountId, methodId, cancellationToken);
        if (method is null)
        {
            return refusal!;
        }

        return await db.AtomicallyAsync(async () =>
        {
            var agents = await db.RoutingAgents.Where(a => a.RoutingMethodId == methodId).Select(a => a.UserId).ToListAsync(cancellationToken);
            await db.RoutingAgents.Where(a => a.RoutingMethodId == methodId).ExecuteDeleteAsync(cancellationToken);
            if (await db.RoutingMethods.Where(m => m.Id == methodId).ExecuteDeleteAsync(cancellationToken) != 1)
            {
                return CommandResult.NotFound;
            }

            var events = agents.Select(userId => audit.Create(
                AuditActions.RoutingAgentRemoved, actor!.Account.AgencyId, accountId, userId, $"{method.Name} (deleted)", actorId)).ToList();
            events.Add(audit.Create(
                AuditActions.RoutingDeleted, actor!.Account.AgencyId, accountId, details: $"{method.Name}: {English.Count(agents.Count, "agent")} taken out", actorUserId: actorId));
            await audit.RecordAllAsync(events, cancellationToken);
            return CommandResult.Done;
        }, cancellationToken);
    }

    public async Task<CommandResult> AddAgentsAsync(
        Guid actorId, Guid accountId, Guid methodId, IReadOnlyList<Guid> userIds, int revision, CancellationToken cancellationToken = default)
    {
        var (actor, method, refusal) = await MethodAsync(actorId, accountId, methodId, cancellationToken);
        if (method is null)
        {
            return refusal!;
        }

        var chosen = userIds.Distinct().ToList();
        if (chosen.Count == 0 || chosen.Count > MaxAdded)
        {
            return CommandResult.Refused(chosen.Count == 0 ? RoutingErrors.NoneChosen : RoutingErrors.TooMany);
        }

        if (await Agents(accountId).CountAsync(m => chosen.Contains(m.UserId), cancellationToken) != chosen.Count)
        {
            return CommandResult.Refused(RoutingErrors.NotEligible);
        }

        return await ChangeAsync(method, revision, async () =>
        {
            var present = await db.RoutingAgents.Where(a => a.RoutingMethodId == methodId).Select(a => new { a.UserId, a.Position }).ToListAsync(cancellationToken);
            var next = present.Count == 0 ? 0 : present.Max(a => a.Position) + 1;
            var added = chosen.Except(present.Select(a => a.UserId)).ToList();
            db.RoutingAgents.AddRange(added.Select((userId, i) => new RoutingAgent(methodId, userId, next + i)));
            foreach (var userId in added)
            {
                audit.Record(AuditActions.RoutingAgentAdded, actor!.Account.AgencyId, accountId, userId, method.Name, actorId);
            }
        }, cancellationToken);
    }

    public async Task<CommandResult> RemoveAgentAsync(
        Guid actorId, Guid accountId, Guid methodId, Guid userId, int revision, CancellationToken cancellationToken = default)
    {
        var (actor, method, refusal) = await MethodAsync(actorId, accountId, methodId, cancellationToken);
        if (method is null)
        {
            return refusal!;
        }

        var agent = await db.RoutingAgents.SingleOrDefaultAsync(a => a.RoutingMethodId == methodId && a.UserId == userId, cancellationToken);
        if (agent is null)
        {
            return method.Revision == revision ? CommandResult.NotFound : CommandResult.Refused(RoutingErrors.ChangedMeanwhile);
        }

        return await ChangeAsync(method, revision, () =>
        {
            db.RoutingAgents.Remove(agent);
            audit.Record(AuditActions.RoutingAgentRemoved, actor!.Account.AgencyId, accountId, userId, method.Name, actorId);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public async Task<CommandResult> MoveAgentAsync(
        Guid actorId, Guid accountId, Guid methodId, Guid userId, bool earlier, int revision, CancellationToken cancellationToken = default)
    {
        var (actor, method, refusal) = await MethodAsync(actorId, accountId, methodId, cancellationToken);
        if (method is null)
        {
            return refusal!;
        }

        // Among the agents shown: one removed from the account keeps its place, unseen, for a restore.
        var agents = await db.RoutingAgents
            .Where(a => a.RoutingMethodId == methodId && db.Memberships.Any(x => x.AccountId == accountId && x.UserId == a.UserId && x.EndedAt == null))
            .OrderBy(a => a.Position).ToListAsync(cancellationToken);
        var at = agents.FindIndex(a => a.UserId == userId);
        if (at < 0)
        {
            return method.Revision == revision ? CommandResult.NotFound : CommandResult.Refused(RoutingErrors.ChangedMeanwhile);
        }

        var to = earlier ? at - 1 : at + 1;
        if (to < 0 || to >= agents.Count)
        {
            return CommandResult.Done;
        }

        return await ChangeAsync(method, revision, () =>
        {
            var (mine, theirs) = (agents[at].Position, agents[to].Position);
            agents[at].MoveTo(theirs);
            agents[to].MoveTo(mine);
            audit.Record(AuditActions.RoutingAgentMoved, actor!.Account.AgencyId, accountId, userId, $"{method.Name}: {at + 1} → {to + 1}", actorId);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>The account's current Call Agents, not archived: the people routing hands activities to.</summary>
    private IQueryable<Membership> Agents(Guid accountId) =>
        db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId && m.EndedAt == null && m.User.ArchivedAt == null && m.Role == AccountRole.CallAgent);

    /// <summary>
    /// Makes a change to the agents on the revision the form was shown with; of two at once one wins and the other is
    /// refused, changing nothing.
    /// </summary>
    private Task<CommandResult> ChangeAsync(RoutingMethod method, int revision, Func<Task> change, CancellationToken cancellationToken)
    {
        if (method.Revision != revision)
        {
            return Task.FromResult(CommandResult.Refused(RoutingErrors.ChangedMeanwhile));
        }

        return ChangedAsync();

        async Task<CommandResult> ChangedAsync()
        {
            try
            {
                return await db.OnceAsync(async () =>
                {
                    await change();
                    method.Changed();
                    await db.SaveChangesAsync(cancellationToken);
                    return CommandResult.Done;
                }, RoutingErrors.ChangedMeanwhile, cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                return CommandResult.Refused(RoutingErrors.ChangedMeanwhile);
            }
        }
    }

    private async Task<(AccountContext? Actor, RoutingMethod? Method, CommandResult? Refusal)> MethodAsync(
        Guid actorId, Guid accountId, Guid methodId, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageAccountSettings, cancellationToken);
        if (actor is null)
        {
            return (null, null, refusal);
        }

        var method = await db.RoutingMethods.SingleOrDefaultAsync(m => m.Id == methodId && m.AccountId == accountId, cancellationToken);
        return method is null ? (actor, null, CommandResult.NotFound) : (actor, method, null);
    }

    private Task<bool> NameTakenAsync(Guid accountId, string normalizedName, Guid? except, CancellationToken cancellationToken) =>
        db.RoutingMethods.AnyAsync(m => m.AccountId == accountId && m.NormalizedName == normalizedName && m.Id != except, cancellationToken);

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
            return CommandResult.Refused(RoutingErrors.DuplicateName);
        }
    }
}
