using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Placements;
using AccountAdmin.Core.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Users;

/// <summary>Where sign-in arrives: a page, and for the account pages, which account.</summary>
public sealed record Landing(LandingPage Page, Guid? AccountId = null);

/// <summary>A user as the user's page in one account shows them, with what the viewer may change.</summary>
public sealed record UserProfile(
    Guid UserId,
    string Email,
    string FirstName,
    string LastName,
    string? Nickname,
    string? UserName,
    string? Phone,
    bool IsInvited,
    bool HasPicture,
    UserSettingsValues Settings,
    Guid? ScheduleId,
    IReadOnlyList<Guid> GroupIds,
    AccountRole? RoleHere,
    MembershipStatus? StatusHere,
    string? HomeAccountName,
    bool CanEditProtected,
    bool OutranksViewer,
    string ConcurrencyStamp,
    IReadOnlyList<string> BeyondViewer)
{
    // BeyondViewer: when the viewer is of the home account, the user's other accounts where the viewer may not change
    // their name, e-mail, username, phone or password.

    /// <summary>For an invited user, when their invitation was last e-mailed; null when it was held back.</summary>
    public DateTime? InvitationSentAt { get; init; }

    /// <summary>The address the e-mail changes to once it confirms the change; null when no change waits.</summary>
    public string? PendingEmail { get; init; }

    /// <summary>When the link sent for <see cref="PendingEmail"/> stops working.</summary>
    public DateTime? PendingEmailExpiresAt { get; init; }

    /// <summary>The account's routing methods the user is in.</summary>
    public IReadOnlyList<Guid> RoutingIds { get; init; } = [];
}

/// <summary>
/// A save of the user's page. Protected fields (name, e-mail, username, phone) are null when the form did not carry
/// them: unchanged. <see cref="ConcurrencyStamp"/> is the one the form was drawn with.
/// </summary>
/// <summary>What to do with a change of e-mail waiting to be confirmed.</summary>
public enum PendingEmailAction
{
    Resend,
    Cancel,
}

public sealed record ProfileUpdate(
    string? Nickname,
    UserSettingsValues Settings,
    AgentPlacement Placement,
    string ConcurrencyStamp,
    string? Email = null,
    string? FirstName = null,
    string? LastName = null,
    string? UserName = null,
    string? Phone = null,
    byte[]? Picture = null,
    bool RemovePicture = false);

public interface IUserProfiles
{
    Task<AccountOptions> OptionsAsync(Guid accountId, CancellationToken cancellationToken = default);

    /// <summary>The user, when they have a place in the account (a membership, current or suspended, or a grant there); else null.</summary>
    Task<UserProfile?> GetAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the profile, settings, picture, schedule and groups in one transaction. Refused when someone saved the user since
    /// the form was drawn, when a protected field changes and the actor is not of the home account or its agency (seed 001),
    /// or when the user can do more here than the actor.
    /// </summary>
    Task<CommandResult> UpdateAsync(Guid actorId, Guid accountId, Guid userId, ProfileUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Sets the user's password, saved on its own (seed 004): their sessions end.</summary>
    Task<CommandResult> SetPasswordAsync(Guid actorId, Guid accountId, Guid userId, string password, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the link for a change of e-mail waiting to be confirmed again (when the first was lost, expired, or died
    /// with a sign-out everywhere), or cancels the change; by whoever may change the user's e-mail.
    /// </summary>
    Task<CommandResult> PendingEmailAsync(Guid actorId, Guid accountId, Guid userId, PendingEmailAction action, CancellationToken cancellationToken = default);

    /// <summary>The user's picture, for anyone with access to an account the user has a place in.</summary>
    Task<ProfilePicture?> PictureAsync(Guid viewerId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);

    Task<UserSettingsValues> SettingsOfAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>A user's own contact preferences, from /profile: everything but the ids and numbers an administrator sets.</summary>
    Task<CommandResult> UpdateOwnPreferencesAsync(Guid userId, UserSettingsValues values, CancellationToken cancellationToken = default);

    /// <summary>Where the user lands after signing in: their landing page, in the first account it makes sense in.</summary>
    Task<Landing> LandingAsync(Guid userId, CancellationToken cancellationToken = default);
}

public sealed class UserProfiles(
    AccountAdminDbContext db, UserManager<AppUser> users, IAccessService access, AuditTrail audit, ImpersonationGuard guard, ISessionService sessions,
    TimeProvider clock, IRecentSignIn recent, IEmailChanges emailChanges, Invitations.IInvitationService invitations, Email.EmailTemplates templates, Email.ChangeAuthors authors,
    Email.EmailOutbox outbox, LinkOptions links)
    : IUserProfiles
{

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<AccountOptions> OptionsAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        AgentPlacements.OptionsAsync(db, accountId, cancellationToken);

    public async Task<UserProfile?> GetAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default)
    {
        // Scalars only: an entity or an anonymous object taken "first" here becomes a window over the whole table on SQLite.
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.ArchivedAt == null)
            .Select(u => new
            {
                User = u,
                HasPicture = db.ProfilePictures.Any(p => p.UserId == u.Id),
                Role = db.Memberships.Where(m => m.AccountId == accountId && m.UserId == u.Id && m.EndedAt == null)
                    .Select(m => (AccountRole?)m.Role).FirstOrDefault(),
                Status = db.Memberships.Where(m => m.AccountId == accountId && m.UserId == u.Id && m.EndedAt == null)
                    .Select(m => (MembershipStatus?)m.Status).FirstOrDefault(),
                ScheduleId = db.ScheduleAssignments.Where(a => a.AccountId == accountId && a.UserId == u.Id).Select(a => (Guid?)a.ScheduleId).FirstOrDefault(),
                HomeName = db.Accounts.Where(a => a.Id == u.HomeAccountId).Select(a => a.Name).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var target = await access.GetAsync(userId, accountId, cancellationToken);
        if (row.Role is null && target is not { Access.Any: true })
        {
            return null;
        }

        var groupIds = await db.AccessControlGroupMembers
            .Where(m => m.UserId == userId && db.AccessControlGroups.Any(g => g.Id == m.GroupId && g.AccountId == accountId))
            .Select(m => m.GroupId).ToListAsync(cancellationToken);
        var routingIds = await db.RoutingAgents
            .Where(a => a.UserId == userId && db.RoutingMethods.Any(m => m.Id == a.RoutingMethodId && m.AccountId == accountId))
            .Select(a => a.RoutingMethodId).ToListAsync(cancellationToken);
        var settings = await db.UserSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        var user = row.User;
        var fromHome = await CanEditProtectedAsync(actorId, user, cancellationToken);
        IReadOnlyList<string> beyond = fromHome ? (await access.BeyondReachAsync(actorId, userId, cancellationToken)).Select(p => p.AccountName).ToList() : [];
        return new UserProfile(
            user.Id, user.Email!, user.FirstName, user.LastName, user.Nickname, user.UserName == user.Email ? null : user.UserName,
            user.PhoneNumber, user.IsInvited, row.HasPicture, settings?.Values ?? UserSettingsValues.Defaults, row.ScheduleId, groupIds,
            row.Role, row.Status, row.HomeName,
            fromHome && beyond.Count == 0,
            await access.OutranksAsync(actorId, accountId, userId, cancellationToken),
            user.ConcurrencyStamp!,
            beyond)
        {
            InvitationSentAt = user.IsInvited ? user.InvitationSentAt : null,
            PendingEmail = user.PendingEmail,
            PendingEmailExpiresAt = user.PendingEmailAt + links.LinkLifespan,
            RoutingIds = routingIds,
        };
    }

    public async Task<CommandResult> UpdateAsync(
        Guid actorId, Guid accountId, Guid userId, ProfileUpdate update, CancellationToken cancellationToken = default)
    {
        if (actorId == userId && await ChangesSignInAsync(userId, update, cancellationToken))
        {
            if (guard.Impersonating)
            {
                return (await guard.RefuseAsync("change this user's e-mail address or username", null, accountId, userId, "Email", cancellationToken))!;
            }

            // One's own sign-in name, as one's password: from a sign-in that proved who it is lately.
            if (!await recent.IsRecentAsync(cancellationToken))
            {
                return CommandResult.Refused(SessionErrors.ConfirmFirst);
            }
        }

        try
        {
            return await db.AtomicallyAsync(() => UpdateCoreAsync(actorId, accountId, userId, update, cancellationToken), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(UserErrors.StaleEdit);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(IdentityErrors.DuplicateEmail);
        }
    }

    private async Task<CommandResult> UpdateCoreAsync(
        Guid actorId, Guid accountId, Guid userId, ProfileUpdate update, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.ArchivedAt == null, cancellationToken);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId && m.EndedAt == null, cancellationToken);
        if (user is null || (membership is null && await access.GetAsync(userId, accountId, cancellationToken) is not { Access.Any: true }))
        {
            return CommandResult.NotFound;
        }

        if (await access.OutranksAsync(actorId, accountId, userId, cancellationToken))
        {
            return CommandResult.Refused(AccessErrors.TargetOutranksActor);
        }

        if (user.ConcurrencyStamp != update.ConcurrencyStamp)
        {
            return CommandResult.Refused(UserErrors.StaleEdit);
        }

        var email = update.Email?.Trim() ?? user.Email!;
        var firstName = update.FirstName?.Trim() ?? user.FirstName;
        var lastName = update.LastName?.Trim() ?? user.LastName;
        var phone = update.Phone is null ? user.PhoneNumber : update.Phone.Trim() is { Length: > 0 } p ? p : null;
        var userName = update.UserName is null ? user.UserName! : update.UserName.Trim() is { Length: > 0 } n ? n : email;

        // A new address is only asked for: it becomes the e-mail (and the username, where that is the e-mail) once a link
        // sent there is followed. A change of case only is made at once. An invited user's address (a mistyped invitation,
        // most often) changes at once: the old link dies and a new invitation goes to the new address, which proves it.
        var newAddress = !string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase);
        var confirmFirst = newAddress && !user.IsInvited;
        if (confirmFirst && userName == email)
        {
            userName = user.UserName!;
        }

        var changed = new List<string>();
        Note(changed, "e-mail", email != user.Email);
        Note(changed, "first name", firstName != user.FirstName);
        Note(changed, "last name", lastName != user.LastName);
        Note(changed, "phone", phone != user.PhoneNumber);
        Note(changed, "username", userName != user.UserName && !(user.UserName == user.Email && userName == email));
        if (changed.Count > 0 && !await CanEditProtectedAsync(actorId, user, cancellationToken))
        {
            return CommandResult.Refused(UserErrors.ProtectedField);
        }

        var stored = await db.UserSettings.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        var storedPicture = await db.ProfilePictures.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);

        var (settings, settingErrors) = ProfileRules.Settings(update.Settings);

        // Name, e-mail, username and phone are how the user is known and signs in everywhere, not only here.
        if (changed.Count > 0 && ActorGuard.RefuseBeyond(await access.BeyondReachAsync(actorId, userId, cancellationToken)) is { } beyond)
        {
            return beyond;
        }

        var errors = ProfileRules.Identity(email, firstName, lastName, phone).ToList();
        if (update.Nickname is { Length: > 100 })
        {
            errors.Add(UserErrors.Nickname);
        }

        errors.AddRange(settingErrors);
        string? pictureType = null;
        if (update.Picture is { Length: > 0 } picture)
        {
            (pictureType, var pictureError) = ProfileRules.Picture(picture);
            if (pictureError is not null)
            {
                errors.Add(pictureError);
            }
        }

        errors.AddRange(await AgentPlacements.ValidateAsync(db, accountId, membership?.Role, update.Placement, cancellationToken));
        if (changed.Contains("e-mail") && await users.FindByEmailAsync(email) is { } emailHolder && emailHolder.Id != userId)
        {
            errors.Add(IdentityErrors.DuplicateEmail);
        }

        if (changed.Contains("username") && await users.FindByNameAsync(userName) is { } holder && holder.Id != userId)
        {
            errors.Add(IdentityErrors.DuplicateUserName);
        }

        if (errors.Count > 0)
        {
            return CommandResult.Refused([.. errors]);
        }

        // A race between the check above and this save is caught by the concurrency token.
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = update.ConcurrencyStamp;
        user.Rename(firstName, lastName, update.Nickname);
        if (confirmFirst)
        {
            await emailChanges.RequestAsync(actorId, user, email, cancellationToken);
        }
        else
        {
            user.ChangeEmail(email);
            user.NormalizedEmail = users.NormalizeEmail(email);
        }

        if (newAddress && !confirmFirst)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            if (membership is not null)
            {
                var link = await invitations.CreateLinkAsync(user);
                var (subject, text, html) = templates.Invitation(user, actor.Account.AccountName, membership.Role, link, await authors.OfAsync(actorId, cancellationToken));
                outbox.Enqueue(email, subject, text, html);
            }
        }

        user.UserName = userName;
        user.NormalizedUserName = users.NormalizeName(userName);
        user.PhoneNumber = phone;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.RefreshKeys();

        if (stored is null)
        {
            db.UserSettings.Add(new UserSettings(userId, settings, Now));
        }
        else if (stored.Values != settings)
        {
            stored.Apply(settings, Now);
        }

        if (pictureType is not null)
        {
            Note(changed, "picture", true);
            if (storedPicture is null)
            {
                db.ProfilePictures.Add(new ProfilePicture(userId, pictureType, update.Picture!, Now));
            }
            else
            {
                storedPicture.Replace(pictureType, update.Picture!, Now);
            }
        }
        else if (update.RemovePicture && storedPicture is not null)
        {
            Note(changed, "picture removed", true);
            db.ProfilePictures.Remove(storedPicture);
        }

        foreach (var change in await AgentPlacements.ApplyAsync(db, accountId, userId, update.Placement, cancellationToken))
        {
            audit.Record(change.Action, actor.Account.AgencyId, accountId, userId, change.Details, actorId);
        }

        audit.Record(
            AuditActions.UserUpdated, actor.Account.AgencyId, accountId, userId,
            (changed.Count == 0 ? "Profile and settings saved" : "Changed: " + string.Join(", ", changed))
                + (confirmFirst ? $"; the e-mail becomes {email} once that address confirms it" : newAddress ? "; invitation sent to the new address" : ""), actorId);
        await db.SaveChangesAsync(cancellationToken);

        // Every membership carries copies of the user's sort keys for the account lists.
        await db.Memberships.Where(m => m.UserId == userId).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.NameKey, user.NameKey).SetProperty(m => m.EmailKey, user.EmailKey).SetProperty(m => m.SignInKey, user.SignInKey),
            cancellationToken);
        return CommandResult.Done;
    }

    /// <summary>Whether the update changes the e-mail or username the user signs in with, read as the save reads them.</summary>
    private async Task<bool> ChangesSignInAsync(Guid userId, ProfileUpdate update, CancellationToken cancellationToken)
    {
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.UserName }).SingleOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return false;
        }

        var email = update.Email?.Trim() is { Length: > 0 } typed ? typed : current.Email!;
        var userName = update.UserName is null ? current.UserName! : update.UserName.Trim() is { Length: > 0 } n ? n : email;
        return !string.Equals(email, current.Email, StringComparison.OrdinalIgnoreCase)
            || (userName != current.UserName && !(current.UserName == current.Email && userName == email));
    }

    public async Task<CommandResult> SetPasswordAsync(Guid actorId, Guid accountId, Guid userId, string password, CancellationToken cancellationToken = default) =>
        (actorId == userId ? await guard.RefuseAsync("change this user's password", null, accountId, userId, "NewPassword", cancellationToken) : null)
        ?? (actorId != userId || await recent.IsRecentAsync(cancellationToken) ? null : CommandResult.Refused(SessionErrors.ConfirmFirst))
        ?? await db.AtomicallyAsync(async () =>
        {
            var (refusal, actor, user) = await SignInDetailsTargetAsync(actorId, accountId, userId, "NewPassword", cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            var result = await users.ResetPasswordAsync(user!, await users.GeneratePasswordResetTokenAsync(user!), password);
            if (!result.Succeeded)
            {
                return IdentityErrors.Refused(result, "NewPassword");
            }

            audit.Record(AuditActions.PasswordSet, actor!.Account.AgencyId, accountId, userId, "Set by an administrator; sessions ended", actorId);
            await db.SaveChangesAsync(cancellationToken);
            await sessions.EndAllAsync(userId, null, SessionEnd.PasswordChanged, cancellationToken);
            return CommandResult.Done;
        }, cancellationToken);

    public async Task<CommandResult> PendingEmailAsync(
        Guid actorId, Guid accountId, Guid userId, PendingEmailAction action, CancellationToken cancellationToken = default) =>
        (actorId == userId ? await guard.RefuseAsync("change this user's e-mail address", null, accountId, userId, "Email", cancellationToken) : null)
        ?? (actorId != userId || await recent.IsRecentAsync(cancellationToken) ? null : CommandResult.Refused(SessionErrors.ConfirmFirst))
        ?? await db.AtomicallyAsync(async () =>
        {
            var (refusal, actor, user) = await SignInDetailsTargetAsync(actorId, accountId, userId, "Email", cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            if (user!.PendingEmail is not { } pending)
            {
                return CommandResult.Refused(UserErrors.NoEmailChange);
            }

            if (action == PendingEmailAction.Cancel)
            {
                user.CancelEmailChange();
                audit.Record(AuditActions.EmailChangeCancelled, actor!.Account.AgencyId, accountId, userId, $"To {pending}", actorId);
            }
            else
            {
                if (clock.GetUtcNow().UtcDateTime - user.PendingEmailAt < TimeSpan.FromMinutes(5))
                {
                    return CommandResult.Refused(UserErrors.EmailChangeJustSent);
                }

                await emailChanges.RequestAsync(actorId, user, pending, cancellationToken);
                audit.Record(AuditActions.EmailChangeResent, actor!.Account.AgencyId, accountId, userId, $"To {pending}", actorId);
            }

            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        }, cancellationToken);

    /// <summary>
    /// The user whose sign-in details (password, e-mail) the actor would change here: someone they can manage, who does
    /// not outrank them, from the home account or its agency (seed 001), and within the actor's reach wherever the user works.
    /// </summary>
    private async Task<(CommandResult? Refusal, AccountContext? Actor, AppUser? User)> SignInDetailsTargetAsync(
        Guid actorId, Guid accountId, Guid userId, string field, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return (refusal!, null, null);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.ArchivedAt == null, cancellationToken);
        var isMember = await db.Memberships.AnyAsync(m => m.AccountId == accountId && m.UserId == userId && m.EndedAt == null, cancellationToken);
        if (user is null || (!isMember && await access.GetAsync(userId, accountId, cancellationToken) is not { Access.Any: true }))
        {
            return (CommandResult.NotFound, null, null);
        }

        if (await access.OutranksAsync(actorId, accountId, userId, cancellationToken))
        {
            return (CommandResult.Refused(AccessErrors.TargetOutranksActor), null, null);
        }

        if (!await CanEditProtectedAsync(actorId, user, cancellationToken))
        {
            return (CommandResult.Refused(UserErrors.ProtectedField), null, null);
        }

        return ActorGuard.RefuseBeyond(await access.BeyondReachAsync(actorId, userId, cancellationToken), field) is { } beyond
            ? (beyond, null, null)
            : (null, actor, user);
    }

    public async Task<ProfilePicture?> PictureAsync(Guid viewerId, Guid accountId, Guid userId, CancellationToken cancellationToken = default)
    {
        if (await access.GetAsync(viewerId, accountId, cancellationToken) is not { Access.Any: true }
            || !await db.Memberships.AnyAsync(m => m.AccountId == accountId && m.UserId == userId && m.EndedAt == null, cancellationToken))
        {
            return null;
        }

        return await db.ProfilePictures.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
    }

    public async Task<UserSettingsValues> SettingsOfAsync(Guid userId, CancellationToken cancellationToken = default) =>
        (await db.UserSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken))?.Values ?? UserSettingsValues.Defaults;

    public async Task<CommandResult> UpdateOwnPreferencesAsync(Guid userId, UserSettingsValues values, CancellationToken cancellationToken = default)
    {

        var stored = await db.UserSettings.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        var current = stored?.Values ?? UserSettingsValues.Defaults;

        // The ids and numbers stay as the administrators set them.
        var (settings, errors) = ProfileRules.Settings(values with
        {
            SalesforceId = current.SalesforceId,
            StripeId = current.StripeId,
            DirectDialNumber = current.DirectDialNumber,
            DirectDialExtension = current.DirectDialExtension,
            SipAddress = current.SipAddress,
        });
        if (errors.Count > 0)
        {
            return CommandResult.Refused([.. errors]);
        }

        if (stored is null)
        {
            db.UserSettings.Add(new UserSettings(userId, settings, Now));
        }
        else
        {
            stored.Apply(settings, Now);
        }

        audit.Record(AuditActions.PreferencesUpdated, targetUserId: userId, details: "Contact preferences", actorUserId: userId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done;
    }

    public async Task<Landing> LandingAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var landing = (await SettingsOfAsync(userId, cancellationToken)).LandingPage;
        if (landing is LandingPage.Home or LandingPage.Profile)
        {
            return new Landing(landing);
        }

        // The home account first, then the others; the first where the page can be opened.
        var accounts = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.EndedAt == null && m.Status == MembershipStatus.Active)
            .OrderBy(m => m.AccountId == m.User.HomeAccountId ? 0 : 1).ThenBy(m => m.Account.Name)
            .Select(m => m.AccountId).Take(20).ToListAsync(cancellationToken);
        foreach (var accountId in accounts)
        {
            var context = await access.GetAsync(userId, accountId, cancellationToken);
            if ((landing is LandingPage.AccountOverview && context is { Access.Any: true })
                || (landing is LandingPage.ManageUsers && context is not null && context.Access.Has(Permission.ManageUsers)))
            {
                return new Landing(landing, accountId);
            }
        }

        return new Landing(LandingPage.Home);
    }

    /// <summary>Protected fields belong to the home account: its user managers, and so its agency's administrators (seed 001).</summary>
    private async Task<bool> CanEditProtectedAsync(Guid actorId, AppUser user, CancellationToken cancellationToken) =>
        user.HomeAccountId is { } home && await access.GetAsync(actorId, home, cancellationToken) is { } context && context.Access.Has(Permission.ManageUsers);

    private static void Note(List<string> changed, string field, bool isChanged)
    {
        if (isChanged)
        {
            changed.Add(field);
        }
    }
}
