using System.Globalization;
using System.Reflection;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Audit;

/// <summary>Which events a log shows: one account's, one agency's, or (support staff) all of them.</summary>
public sealed record AuditScope(Guid? AccountId, Guid? AgencyId)
{
    public static readonly AuditScope Everywhere = new(null, null);

    public static AuditScope OfAccount(Guid accountId) => new(accountId, null);

    public static AuditScope OfAgency(Guid agencyId) => new(null, agencyId);
}

/// <summary>
/// The log's filters: events that involve any of <paramref name="UserIds"/> (as the one acting, the one acted on, or the
/// impersonator behind them), one action, a date range (inclusive days, UTC), and the keyset position after the page shown.
/// </summary>
public sealed record AuditQuery(
    IReadOnlyList<Guid>? UserIds = null, string? Action = null, DateOnly? From = null, DateOnly? To = null,
    DateTime? AfterAt = null, Guid? AfterId = null, int PageSize = 50);

public sealed record AuditRow(
    Guid Id, DateTime OccurredAt, string Action, Guid? ActorUserId, string? ActorName, Guid? ImpersonatorUserId, string? ImpersonatorName,
    Guid? TargetUserId, string? TargetName, Guid? AccountId, string? AccountName, string? Details, string? ClientIp)
{
    /// <summary>Whether someone else was at the keyboard: the event was done as the actor, by the impersonator.</summary>
    public bool Impersonated => ImpersonatorUserId is not null && ImpersonatorUserId != ActorUserId;
}

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, bool HasMore);

/// <summary>A user the log's user filter found, removed and archived users included (DESIGN.md rule 14).</summary>
public sealed record AuditUser(Guid Id, string Name, string Email, bool Archived);

public interface IAuditLog
{
    /// <summary>One page of events, newest first, keyset-paged on (time, id) through the scope's time index.</summary>
    Task<AuditPage> ListAsync(AuditScope scope, AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The users whose name or e-mail contains <paramref name="text"/> among those who ever belonged to the scope,
    /// removed ones included; at most <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<AuditUser>> FindUsersAsync(AuditScope scope, string text, int take, CancellationToken cancellationToken = default);

    /// <summary>Every event the query selects as CSV, newest first, read a page at a time; the export is itself an event.</summary>
    Task WriteCsvAsync(AuditScope scope, AuditQuery query, TextWriter writer, CancellationToken cancellationToken = default);
}

public sealed class AuditLog(AccountAdminDbContext db, AuditTrail audit) : IAuditLog
{
    /// <summary>Every action the log can be filtered on.</summary>
    public static readonly IReadOnlyList<string> Actions = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .OrderBy(AuditActions.Describe, StringComparer.Ordinal)
        .ToList();

    public static readonly IReadOnlyList<string> Columns =
        ["Time (UTC)", "Action", "Done as", "Done by (impersonating)", "User acted on", "Account", "Details", "IP address", "Event ID"];

    /// <summary>
    /// How many events of the filter's users (across every account) are few enough to read each and sort them on SQLite.
    /// </summary>
    internal const int FewEvents = 1_000;

    public async Task<AuditPage> ListAsync(AuditScope scope, AuditQuery query, CancellationToken cancellationToken = default)
    {
        var filtered = Filter(scope, query with { UserIds = null });
        var events = filtered;
        if (query.UserIds is { } ids)
        {
            var involving = Involving(ids);
            // SQLite walks the scope's events in time order testing each against the users' events, a whole account
            // for users with a few events in it or none: when they have few anywhere, read those and sort them instead
            // (CROSS JOIN keeps the users' events outermost). PostgreSQL's planner weighs the two itself.
            events = db.Database.IsSqlite() && await involving.Take(FewEvents + 1).CountAsync(cancellationToken) <= FewEvents
                ? from eventId in involving from e in filtered where e.Id == eventId select e
                : filtered.Where(e => involving.Contains(e.Id));
        }

        if (query.AfterAt is { } at && query.AfterId is { } id)
        {
            events = events.Where(e => e.OccurredAt < at || (e.OccurredAt == at && e.Id.CompareTo(id) < 0));
        }

        // One query: the page's rows with their names, each name a primary-key lookup, rather than a query per row.
        var page = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(query.PageSize + 1)
            .Select(e => new AuditRow(
                e.Id, e.OccurredAt, e.Action,
                e.ActorUserId, db.Users.Where(u => u.Id == e.ActorUserId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
                e.ImpersonatorUserId, db.Users.Where(u => u.Id == e.ImpersonatorUserId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
                e.TargetUserId, db.Users.Where(u => u.Id == e.TargetUserId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
                e.AccountId, db.Accounts.Where(a => a.Id == e.AccountId).Select(a => a.Name).FirstOrDefault(),
                e.Details, e.ClientIp))
            .ToListAsync(cancellationToken);
        return new AuditPage(page.Take(query.PageSize).ToList(), page.Count > query.PageSize);
    }

    private IQueryable<AuditEvent> Filter(AuditScope scope, AuditQuery query)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (scope.AccountId is { } accountId)
        {
            events = events.Where(e => e.AccountId == accountId);
        }
        else if (scope.AgencyId is { } agencyId)
        {
            events = events.Where(e => e.AgencyId == agencyId);
        }

        if (query.UserIds is { } ids)
        {
            var involving = Involving(ids);
            events = events.Where(e => involving.Contains(e.Id));
        }

        if (query.Action is { } action)
        {
            events = events.Where(e => e.Action == action);
        }

        if (query.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (query.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            events = events.Where(e => e.OccurredAt < end);
        }

        return events;
    }

    /// <summary>
    /// The events any of <paramref name="ids"/> took part in, anywhere: three index seeks, one per way a user takes part,
    /// instead of an OR that would read the whole scope.
    /// </summary>
    private IQueryable<Guid> Involving(IReadOnlyList<Guid> ids) =>
        db.AuditEvents.Where(e => e.ActorUserId != null && ids.Contains(e.ActorUserId.Value)).Select(e => e.Id)
            .Union(db.AuditEvents.Where(e => e.TargetUserId != null && ids.Contains(e.TargetUserId.Value)).Select(e => e.Id))
            .Union(db.AuditEvents.Where(e => e.ImpersonatorUserId != null && ids.Contains(e.ImpersonatorUserId.Value)).Select(e => e.Id));

    public async Task<IReadOnlyList<AuditUser>> FindUsersAsync(AuditScope scope, string text, int take, CancellationToken cancellationToken = default)
    {
        // A whole e-mail address, as one is usually pasted, is one index seek.
        var email = text.Trim().ToUpperInvariant();
        if (email.Contains('@') && await InScope(scope, db.Users.Where(u => u.NormalizedEmail == email)).AnyAsync(cancellationToken))
        {
            return await Found(InScope(scope, db.Users.Where(u => u.NormalizedEmail == email)), take, cancellationToken);
        }

        var folded = DirectoryKeys.Fold(text);
        if (scope.AccountId is { } accountId)
        {
            // Memberships are kept when they end and carry their user's name key, so someone removed from the account is
            // found here too, through the trigram index whatever the account's size.
            var current = await db.MembershipsNamed(folded, accountId)
                .Where(m => m.AccountId == accountId && m.EndedAt == null)
                .OrderBy(m => m.NameKey).Select(m => m.UserId).Take(take).ToListAsync(cancellationToken);
            var ended = await db.MembershipsNamed(folded, accountId)
                .Where(m => m.AccountId == accountId && m.EndedAt != null)
                .Select(m => m.UserId).Take(take).ToListAsync(cancellationToken);
            var ids = current.Union(ended).ToList();
            return await Found(db.Users.Where(u => ids.Contains(u.Id)), take, cancellationToken);
        }

        if (scope.AgencyId is { } agencyId)
        {
            var named = db.MembershipsNamed(folded).Where(m => m.Account.AgencyId == agencyId).Select(m => m.UserId);
            return await Found(db.Users.Where(u => named.Contains(u.Id)), take, cancellationToken);
        }

        return await Found(db.UsersNamed(folded), take, cancellationToken);
    }

    /// <summary>The users who belong or belonged to the scope: by a membership there, current or ended.</summary>
    private IQueryable<AppUser> InScope(AuditScope scope, IQueryable<AppUser> users) =>
        scope.AccountId is { } accountId ? users.Where(u => db.Memberships.Any(m => m.UserId == u.Id && m.AccountId == accountId))
        : scope.AgencyId is { } agencyId ? users.Where(u => db.Memberships.Any(m => m.UserId == u.Id && m.Account.AgencyId == agencyId))
        : users;

    private static async Task<IReadOnlyList<AuditUser>> Found(IQueryable<AppUser> users, int take, CancellationToken cancellationToken) =>
        await users.AsNoTracking().OrderBy(u => u.NameKey).Take(take)
            .Select(u => new AuditUser(u.Id, u.FirstName + " " + u.LastName, u.Email!, u.ArchivedAt != null))
            .ToListAsync(cancellationToken);

    public async Task WriteCsvAsync(AuditScope scope, AuditQuery query, TextWriter writer, CancellationToken cancellationToken = default)
    {
        audit.Record(AuditActions.AuditExported, scope.AgencyId, scope.AccountId, details:
            $"Action {query.Action ?? "any"}, from {query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the start"}, " +
            $"to {query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "today"}, users {query.UserIds?.Count.ToString(CultureInfo.InvariantCulture) ?? "all"}");
        await db.SaveChangesAsync(cancellationToken);

        await writer.WriteAsync(Csv.Line(Columns));
        var next = query with { AfterAt = null, AfterId = null, PageSize = 1_000 };
        while (true)
        {
            var page = await ListAsync(scope, next, cancellationToken);
            foreach (var row in page.Rows)
            {
                await writer.WriteAsync(Csv.Line(
                [
                    row.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), row.Action, row.ActorName ?? "",
                    row.Impersonated ? row.ImpersonatorName ?? "" : "", row.TargetName ?? "", row.AccountName ?? "", row.Details ?? "",
                    row.ClientIp ?? "", row.Id.ToString(),
                ]));
            }

            if (!page.HasMore)
            {
                return;
            }

            next = next with { AfterAt = page.Rows[^1].OccurredAt, AfterId = page.Rows[^1].Id };
        }
    }
}
