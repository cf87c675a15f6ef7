using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.BulkAdd;

public enum BulkOutcome
{
    NewUser = 1,
    GrantAccess = 2,
    AlreadyMember = 3,
    Invalid = 4,
}

/// <summary>What applying one line would do, and why; for an existing user, who, and whether they had been removed from this account.</summary>
public sealed record BulkPreviewLine(BulkLine Line, BulkOutcome Outcome, string? Reason = null, Guid? UserId = null, bool Returning = false);

public sealed record BulkPreview(CommandResult Result, IReadOnlyList<BulkPreviewLine> Lines)
{
    public int Count(BulkOutcome outcome) => Lines.Count(l => l.Outcome == outcome);

    public int ToApply => Lines.Count(l => l.Outcome is BulkOutcome.NewUser or BulkOutcome.GrantAccess);
}

/// <summary>
/// A batch as submitted: <see cref="BatchId"/> comes from its preview and makes a second submission a no-op; the whole
/// batch can be placed in one access control group and in routing methods of the account.
/// </summary>
public sealed record BulkRequest(
    Guid BatchId, string? Text, AccountRole Role, bool SendInvitations, Guid? GroupId = null, IReadOnlyList<Guid>? RoutingIds = null);

/// <summary>
/// How far an apply has got: <see cref="Done"/> of <see cref="Total"/> steps, the first half preparing each line,
/// the second half the statements that save them; <see cref="Saving"/> once the preparing is over.
/// </summary>
public sealed record BulkProgress(int Done, int Total, bool Saving = false);

public sealed record BulkApplied(CommandResult Result, Guid? ImportId = null, bool AlreadyApplied = false);

public sealed record BulkRejectedLine(int Number, string Reason, string Text);

public sealed record BulkImportedUser(Guid UserId, string Name, string Email, bool Created);

public sealed record BulkSummary(
    BulkImport Import, string? AppliedBy, IReadOnlyList<BulkImportedUser> Users, int MoreUsers,
    IReadOnlyList<BulkRejectedLine> Rejected, int InvitationsPending);

public interface IBulkAdd
{
    /// <summary>What applying the lines would do, line by line, changing nothing.</summary>
    Task<BulkPreview> PreviewAsync(Guid actorId, Guid accountId, string? text, AccountRole role, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies every line that can be, in one transaction with its e-mails and audit events, with a constant number of
    /// statements whatever the number of lines. The same batch applied again changes nothing.
    /// </summary>
    Task<BulkApplied> ApplyAsync(
        Guid actorId, Guid accountId, BulkRequest request, IProgress<BulkProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>What a batch did, for its summary page; null when it isn't this account's or the actor can't manage users.</summary>
    Task<BulkSummary?> SummaryAsync(Guid actorId, Guid accountId, Guid importId, int showUsers, CancellationToken cancellationToken = default);

    /// <summary>Sends the invitations a batch held back to its new users who still haven't set a password.</summary>
    Task<CommandResult> SendInvitationsAsync(Guid actorId, Guid accountId, Guid importId, CancellationToken cancellationToken = default);
}

public sealed class BulkAdder(
    AccountAdminDbContext db, UserManager<AppUser> users, IAccessService access, IUserCreation creation, AuditTrail audit,
    EmailOutbox outbox, EmailTemplates templates, ChangeAuthors authors, IInvitationService invitations, TimeProvider clock) : IBulkAdd
{

    private const int ProgressStep = 250;

    public async Task<BulkPreview> PreviewAsync(Guid actorId, Guid accountId, string? text, AccountRole role, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return new(refusal!, []);
        }

        var parsed = BulkLines.Parse(text);
        var errors = new List<CommandError>();
        if (!creation.GrantableRoles(actor.Access).Contains(role))
        {
            errors.Add(UserErrors.RoleNotGrantable);
        }

        if (parsed.Error is { } error)
        {
            errors.Add(error);
        }

        var lines = parsed.Lines.Count == 0 ? [] : await ClassifyAsync(actorId, accountId, parsed.Lines, cancellationToken);
        return new(errors.Count > 0 ? CommandResult.Refused([.. errors]) : CommandResult.Done, lines);
    }

    public async Task<BulkApplied> ApplyAsync(
        Guid actorId, Guid accountId, BulkRequest request, IProgress<BulkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.AtomicallyAsync(() => ApplyCoreAsync(actorId, accountId, request, progress, cancellationToken), r => r.Result.Succeeded, cancellationToken);
        }
        catch (Exception e) when (e.IsUniqueViolation())
        {
            // Someone added one of these users, or submitted this very batch, meanwhile: look again and apply what's left.
            db.ChangeTracker.Clear();
            return await db.AtomicallyAsync(() => ApplyCoreAsync(actorId, accountId, request, progress, cancellationToken), r => r.Result.Succeeded, cancellationToken);
        }
    }

    /// <summary>", into Tier 1 (access control group) and Sales (Queue)" for the audit log, or nothing.</summary>
    private async Task<string> PlacedInAsync(BulkRequest request, CancellationToken cancellationToken)
    {
        var into = new List<string>();
        if (request.GroupId is { } groupId)
        {
            into.AddRange(await db.AccessControlGroups.Where(g => g.Id == groupId).Select(g => g.Name + " (access control group)").ToListAsync(cancellationToken));
        }

        var routingIds = request.RoutingIds ?? [];
        if (routingIds.Count > 0)
        {
            var methods = await db.RoutingMethods.Where(m => routingIds.Contains(m.Id)).Select(m => new { m.Id, m.Name, m.Kind }).ToListAsync(cancellationToken);
            into.AddRange(routingIds.Distinct().Select(id => methods.Single(m => m.Id == id)).Select(m => $"{m.Name} ({m.Kind.Display()})"));
        }

        return into.Count == 0 ? "" : ", into " + English.List(into);
    }

    private async Task<BulkApplied> ApplyCoreAsync(
        Guid actorId, Guid accountId, BulkRequest request, IProgress<BulkProgress>? progress, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return new(refusal!);
        }

        var earlier = await db.BulkImports.AsNoTracking().Where(i => i.Id == request.BatchId).Select(i => (Guid?)i.AccountId).SingleOrDefaultAsync(cancellationToken);
        if (earlier is { } earlierAccount)
        {
            return earlierAccount == accountId ? new(CommandResult.Done, request.BatchId, AlreadyApplied: true) : new(CommandResult.Refused(BulkAddErrors.BatchUsed));
        }

        if (!creation.GrantableRoles(actor.Access).Contains(request.Role))
        {
            return new(CommandResult.Refused(UserErrors.RoleNotGrantable));
        }

        var parsed = BulkLines.Parse(request.Text);
        if (parsed.Error is { } error)
        {
            return new(CommandResult.Refused(error));
        }

        var placement = new Placements.AgentPlacement(GroupIds: request.GroupId is { } groupId ? [groupId] : [], RoutingIds: request.RoutingIds ?? []);
        if (await Placements.AgentPlacements.ValidateAsync(db, accountId, request.Role, placement, cancellationToken) is { Count: > 0 } misplaced)
        {
            return new(CommandResult.Refused([.. misplaced]));
        }

        var into = await PlacedInAsync(request, cancellationToken);

        var lines = await ClassifyAsync(actorId, accountId, parsed.Lines, cancellationToken);
        if (lines.All(l => l.Outcome == BulkOutcome.Invalid))
        {
            return new(CommandResult.Refused(BulkAddErrors.NothingToAdd));
        }

        var total = lines.Count;
        // Preparing the lines is half the work, the statements that save them the other half.
        progress?.Report(new(0, 2 * total));
        var now = clock.GetUtcNow().UtcDateTime;
        var account = actor.Account;
        var role = request.Role;

        var created = new List<AppUser>();
        var memberships = new List<Membership>();
        var importUsers = new List<BulkImportUser>();
        var events = new List<AuditEvent>();
        var messages = new List<OutboxMessage>();
        var granted = await GrantedUsersAsync(lines, cancellationToken);
        var restored = new List<Guid>();
        var by = await authors.OfAsync(actorId, cancellationToken);
        var done = 0;

        foreach (var line in lines)
        {
            if (line.Outcome == BulkOutcome.NewUser)
            {
                var user = NewIdentity(line.Line, accountId, now);
                created.Add(user);
                memberships.Add(new Membership(accountId, user, role, now, actorId));
                importUsers.Add(new BulkImportUser(request.BatchId, user.Id, created: true));
                events.Add(audit.Create(AuditActions.UserCreated, account.AgencyId, accountId, user.Id, $"{user.Email} as {role.Display()}, by Bulk Add{into}", actorId));
                if (request.SendInvitations)
                {
                    messages.Add(await InvitationAsync(user, account.AccountName, role, by));
                }
            }
            else if (line.Outcome == BulkOutcome.GrantAccess)
            {
                var user = granted[line.UserId!.Value];
                if (line.Returning)
                {
                    restored.Add(user.Id);
                }
                else
                {
                    memberships.Add(new Membership(accountId, user, role, now, actorId));
                }

                importUsers.Add(new BulkImportUser(request.BatchId, user.Id, created: false));
                events.Add(audit.Create(AuditActions.MembershipGranted, account.AgencyId, accountId, user.Id, $"{role.Display()}, by Bulk Add{into}", actorId));
                var (subject, text, html) = templates.AccessGranted(user, account.AccountName, role, by);
                messages.Add(outbox.Compose(user.Email!, subject, text, html));
            }

            if (++done % ProgressStep == 0)
            {
                progress?.Report(new(done, 2 * total));
            }
        }

        progress?.Report(new(total, 2 * total));
        var counts = new BulkImportCounts(
            total, created.Count, importUsers.Count - created.Count, lines.Count(l => l.Outcome == BulkOutcome.AlreadyMember),
            lines.Count(l => l.Outcome == BulkOutcome.Invalid));
        events.Add(audit.Create(AuditActions.BulkAdded, account.AgencyId, accountId, null,
            $"{counts.Lines} lines as {role.Display()}: {counts.NewUsers} new users, {counts.Granted} given access, " +
            $"{counts.AlreadyMembers} already members, {counts.Invalid} not added; invitations {(request.SendInvitations ? "sent" : "not sent yet")}{into}",
            actorId));

        var rejected = string.Join('\n', lines
            .Where(l => l.Outcome == BulkOutcome.Invalid)
            .Select(l => $"{l.Line.Number}\t{l.Reason}\t{l.Line.Text}"));
        var saved = 0;
        void Saved() => progress?.Report(new(total + ++saved * total / 6, 2 * total, Saving: true));

        db.BulkImports.Add(new BulkImport(request.BatchId, accountId, actorId, role, request.SendInvitations, now, counts, rejected));
        await db.SaveChangesAsync(cancellationToken);
        Saved();
        await db.InsertAsync(created, cancellationToken);
        Saved();
        await db.InsertAsync(memberships, cancellationToken);
        if (restored.Count > 0)
        {
            await db.Memberships
                .Where(m => m.AccountId == accountId && restored.Contains(m.UserId) && m.EndedAt != null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.EndedAt, (DateTime?)null)
                    .SetProperty(m => m.EndedById, (Guid?)null)
                    .SetProperty(m => m.Status, MembershipStatus.Active)
                    .SetProperty(m => m.SuspendedAt, (DateTime?)null)
                    .SetProperty(m => m.SuspendedById, (Guid?)null)
                    .SetProperty(m => m.Role, role)
                    .SetProperty(m => m.GrantedAt, now)
                    .SetProperty(m => m.GrantedById, actorId)
                    .SetProperty(m => m.NameKey, m => db.Users.Where(u => u.Id == m.UserId).Select(u => u.NameKey).First())
                    .SetProperty(m => m.EmailKey, m => db.Users.Where(u => u.Id == m.UserId).Select(u => u.EmailKey).First())
                    .SetProperty(m => m.SignInKey, m => db.Users.Where(u => u.Id == m.UserId).Select(u => u.SignInKey).First()), cancellationToken);
        }

        Saved();
        await Placements.AgentPlacements.PlaceManyAsync(db, accountId, importUsers.Select(u => u.UserId).ToList(), request.GroupId, request.RoutingIds ?? [], cancellationToken);
        await db.InsertAsync(importUsers, cancellationToken);
        Saved();
        await outbox.EnqueueAllAsync(messages, cancellationToken);
        Saved();
        await audit.RecordAllAsync(events, cancellationToken);
        Saved();
        return new(CommandResult.Done, request.BatchId);
    }

    public async Task<BulkSummary?> SummaryAsync(Guid actorId, Guid accountId, Guid importId, int showUsers, CancellationToken cancellationToken = default)
    {
        var (actor, _) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        var import = actor is null ? null : await db.BulkImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId && i.AccountId == accountId, cancellationToken);
        if (import is null)
        {
            return null;
        }

        var appliedBy = await db.Users.Where(u => u.Id == import.ActorUserId).Select(u => u.FirstName + " " + u.LastName).SingleOrDefaultAsync(cancellationToken);
        var shown = await db.BulkImportUsers.AsNoTracking()
            .Where(i => i.ImportId == importId)
            .Join(db.Users, i => i.UserId, u => u.Id, (i, u) => new { i.Created, u.Id, u.FirstName, u.LastName, u.Email, u.EmailKey })
            .OrderByDescending(u => u.Created).ThenBy(u => u.EmailKey)
            .Take(showUsers)
            .Select(u => new BulkImportedUser(u.Id, u.FirstName + " " + u.LastName, u.Email!, u.Created))
            .ToListAsync(cancellationToken);
        var pending = import.InvitationsSentAt is null ? await PendingInvitations(importId, accountId).CountAsync(cancellationToken) : 0;
        var rejected = import.Rejected
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split('\t', 3))
            .Select(p => new BulkRejectedLine(int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1], p.Length > 2 ? p[2] : ""))
            .ToList();
        return new BulkSummary(import, appliedBy, shown, import.NewUsers + import.Granted - shown.Count, rejected, pending);
    }

    public Task<CommandResult> SendInvitationsAsync(Guid actorId, Guid accountId, Guid importId, CancellationToken cancellationToken = default) =>
        db.AtomicallyAsync(() => SendInvitationsCoreAsync(actorId, accountId, importId, cancellationToken), cancellationToken);

    private async Task<CommandResult> SendInvitationsCoreAsync(Guid actorId, Guid accountId, Guid importId, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        var import = await db.BulkImports.SingleOrDefaultAsync(i => i.Id == importId && i.AccountId == accountId, cancellationToken);
        if (import is null)
        {
            return CommandResult.NotFound;
        }

        if (import.InvitationsSentAt is not null)
        {
            return CommandResult.Refused(BulkAddErrors.InvitationsAlreadySent);
        }

        var invited = await PendingInvitations(importId, accountId).ToListAsync(cancellationToken);
        var messages = new List<OutboxMessage>(invited.Count);
        var events = new List<AuditEvent>(invited.Count + 1);
        var by = await authors.OfAsync(actorId, cancellationToken);
        foreach (var user in invited)
        {
            messages.Add(await InvitationAsync(user, actor.Account.AccountName, import.Role, by));
        }

        events.Add(audit.Create(AuditActions.InvitationsSent, actor.Account.AgencyId, accountId, null,
            $"{invited.Count} invitations held back by a Bulk Add of {import.CreatedAt:yyyy-MM-dd HH:mm} UTC", actorId));
        var sentAt = clock.GetUtcNow().UtcDateTime;
        var pending = PendingInvitations(importId, accountId).Select(u => u.Id);
        await db.Users.Where(u => pending.Contains(u.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.InvitationSentAt, sentAt), cancellationToken);
        import.InvitationsSent(sentAt);
        await db.SaveChangesAsync(cancellationToken);
        await outbox.EnqueueAllAsync(messages, cancellationToken);
        await audit.RecordAllAsync(events, cancellationToken);
        return CommandResult.Done;
    }

    /// <summary>The batch's new users who can still accept an invitation here: no password yet, still members.</summary>
    private IQueryable<AppUser> PendingInvitations(Guid importId, Guid accountId) =>
        db.BulkImportUsers
            .Where(i => i.ImportId == importId && i.Created)
            .Join(db.Users, i => i.UserId, u => u.Id, (i, u) => u)
            .Where(u => u.PasswordHash == null && u.ArchivedAt == null)
            .Where(u => db.Memberships.Any(m => m.AccountId == accountId && m.UserId == u.Id && m.EndedAt == null))
            .AsNoTracking();

    private async Task<OutboxMessage> InvitationAsync(AppUser user, string accountName, AccountRole role, ChangedBy by)
    {
        var link = await invitations.CreateLinkAsync(user);
        var (subject, text, html) = templates.Invitation(user, accountName, role, link, by);
        return outbox.Compose(user.Email!, subject, text, html);
    }

    /// <summary>An invited identity, as <see cref="UserManager{TUser}.CreateAsync(TUser)"/> would make it, without its per-user look-ups.</summary>
    private AppUser NewIdentity(BulkLine line, Guid accountId, DateTime now)
    {
        var user = new AppUser(line.Email, line.FirstName, line.LastName, now, accountId)
        {
            EmailConfirmed = true,
            LockoutEnabled = users.Options.Lockout.AllowedForNewUsers,
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        user.NormalizedUserName = users.NormalizeName(user.UserName);
        return user;
    }

    private sealed record Found(
        Guid Id, string? NormalizedEmail, string? NormalizedUserName, bool Archived, bool SupportStaff, AccountRole? CurrentRole, bool HasEnded);

    /// <summary>Each line's outcome, from one query for every e-mail of the batch.</summary>
    private async Task<List<BulkPreviewLine>> ClassifyAsync(Guid actorId, Guid accountId, IReadOnlyList<BulkLine> lines, CancellationToken cancellationToken)
    {
        var keys = lines.Where(l => l.IsValid).Select(l => users.NormalizeEmail(l.Email)!).ToList();
        var found = keys.Count == 0 ? [] : await db.Users.AsNoTracking()
            .Where(u => keys.Contains(u.NormalizedEmail!) || keys.Contains(u.NormalizedUserName!))
            .Select(u => new Found(
                u.Id, u.NormalizedEmail, u.NormalizedUserName, u.ArchivedAt != null, u.IsSupportStaff,
                db.Memberships.Where(m => m.AccountId == accountId && m.UserId == u.Id && m.EndedAt == null).Select(m => (AccountRole?)m.Role).FirstOrDefault(),
                db.Memberships.Any(m => m.AccountId == accountId && m.UserId == u.Id && m.EndedAt != null)))
            .ToListAsync(cancellationToken);
        var byEmail = found.Where(f => f.NormalizedEmail is not null).ToDictionary(f => f.NormalizedEmail!);
        var byUserName = found.Where(f => f.NormalizedUserName is not null).ToDictionary(f => f.NormalizedUserName!);
        var allowed = users.Options.User.AllowedUserNameCharacters;

        return lines.Select(line =>
        {
            if (!line.IsValid)
            {
                return new BulkPreviewLine(line, BulkOutcome.Invalid, line.Error);
            }

            var key = users.NormalizeEmail(line.Email)!;
            if (byEmail.TryGetValue(key, out var user))
            {
                return user switch
                {
                    { Archived: true } => new BulkPreviewLine(line, BulkOutcome.Invalid,
                        "This user was removed from every account. Restore them from Archived Users instead."),
                    { SupportStaff: true } => new BulkPreviewLine(line, BulkOutcome.Invalid,
                        "This address belongs to support staff, who don't hold roles in customer accounts."),
                    _ when user.Id == actorId => new BulkPreviewLine(line, BulkOutcome.Invalid,
                        "This is your own address: you can't give yourself a role. Ask another administrator."),
                    { CurrentRole: { } current } => new BulkPreviewLine(line, BulkOutcome.AlreadyMember, $"Already has access here as {current.Display()}."),
                    _ => new BulkPreviewLine(line, BulkOutcome.GrantAccess,
                        user.HasEnded ? "Has a login and was removed from this account before: gets access again." : "Already has a login: gets access to this account.",
                        user.Id, user.HasEnded),
                };
            }

            if (byUserName.ContainsKey(key))
            {
                return new BulkPreviewLine(line, BulkOutcome.Invalid, "This address is another user's username, so it can't be a new user's sign-in.");
            }

            if (!string.IsNullOrEmpty(allowed) && line.Email.FirstOrDefault(c => !allowed.Contains(c)) is var bad and not '\0')
            {
                return new BulkPreviewLine(line, BulkOutcome.Invalid, $"“{bad}” can't be used in a sign-in name. Use another address for this user.");
            }

            return new BulkPreviewLine(line, BulkOutcome.NewUser, "Gets a new login and a role here.");
        }).ToList();
    }

    /// <summary>The existing users the batch gives access, in one query, for their e-mails and sort keys.</summary>
    private async Task<Dictionary<Guid, AppUser>> GrantedUsersAsync(List<BulkPreviewLine> lines, CancellationToken cancellationToken)
    {
        var ids = lines.Where(l => l.Outcome == BulkOutcome.GrantAccess).Select(l => l.UserId!.Value).ToList();
        return ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
    }
}
