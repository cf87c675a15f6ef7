using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Placements;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Users;

public sealed record NewUser(
    string Email, string FirstName, string LastName, AccountRole Role,
    string? Nickname = null, string? UserName = null, string? Phone = null, string? Password = null,
    UserSettingsValues? Settings = null, byte[]? Picture = null, AgentPlacement? Placement = null);

/// <summary>What New User ended in: the user made or given access, or the existing user an e-mail belongs to.</summary>
public sealed record CreationResult(CommandResult Result, Guid? UserId = null, Guid? ExistingUserId = null);

public interface IUserCreation
{
    /// <summary>The roles <paramref name="access"/> may hand out: none above the actor's own.</summary>
    IReadOnlyList<AccountRole> GrantableRoles(AccountAccess access);

    /// <summary>
    /// Makes a new identity with a role in the account. Without a password it is invited: no hashing on this path,
    /// and a set-password link is e-mailed. An e-mail that exists anywhere is refused with the documented message
    /// and the existing user's id, for Show User (seed 001).
    /// </summary>
    Task<CreationResult> CreateAsync(Guid actorId, Guid accountId, NewUser input, CancellationToken cancellationToken = default);

    /// <summary>Show User: gives an existing identity a role in this account instead of making a second one.</summary>
    Task<CommandResult> GrantExistingAsync(Guid actorId, Guid accountId, Guid userId, AccountRole role, CancellationToken cancellationToken = default);

    /// <summary>What <see cref="CreateAsync"/> would refuse in the form itself, changing nothing: for a form the page already rejects.</summary>
    Task<IReadOnlyList<CommandError>> CheckAsync(Guid actorId, Guid accountId, NewUser input, CancellationToken cancellationToken = default);
}

public sealed class UserCreation(
    AccountAdminDbContext db, UserManager<AppUser> users, IAccessService access, AuditTrail audit, EmailOutbox outbox,
    EmailTemplates templates, ChangeAuthors authors, IInvitationService invitations, TimeProvider clock) : IUserCreation
{

    /// <summary>The role a new user's form starts with: Call Agent, the role most users have, when it may be given.</summary>
    public static AccountRole? SuggestedRole(IReadOnlyList<AccountRole> grantable) =>
        grantable.Contains(AccountRole.CallAgent) ? AccountRole.CallAgent : grantable.Count > 0 ? grantable[^1] : null;

    public IReadOnlyList<AccountRole> GrantableRoles(AccountAccess access) =>
        access.Has(Permission.ManageUsers)
            ? Enum.GetValues<AccountRole>().Where(r => !PermissionRules.Of(r).Except(access.Permissions).Any()).ToList()
            : [];

    public async Task<CreationResult> CreateAsync(Guid actorId, Guid accountId, NewUser input, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.AtomicallyAsync(() => CreateCoreAsync(actorId, accountId, input, cancellationToken), r => r.Result.Succeeded, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same form posted twice at once: the other request made the user.
            db.ChangeTracker.Clear();
            var existing = await users.FindByEmailAsync(input.Email.Trim());
            return new(CommandResult.Refused(IdentityErrors.DuplicateEmail), ExistingUserId: existing?.Id);
        }
    }

    private async Task<CreationResult> CreateCoreAsync(Guid actorId, Guid accountId, NewUser input, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return new(refusal!);
        }

        var errors = await ValidateAsync(accountId, input, actor.Access, cancellationToken);
        var settings = ProfileRules.Settings(input.Settings ?? UserSettingsValues.Defaults).Values;
        var pictureType = input.Picture is { Length: > 0 } picture ? ProfileRules.PictureType(picture) : null;
        var existing = await users.FindByEmailAsync(input.Email.Trim());
        if (existing is not null)
        {
            return new(CommandResult.Refused([IdentityErrors.DuplicateEmail, .. errors.Where(e => e.Field != "Email")]), ExistingUserId: existing.Id);
        }

        if (input.UserName is { Length: > 0 } userName && await users.FindByNameAsync(userName.Trim()) is not null)
        {
            errors.Add(IdentityErrors.DuplicateUserName);
        }

        if (errors.Count > 0)
        {
            return new(CommandResult.Refused([.. errors]));
        }

        var user = new AppUser(input.Email, input.FirstName, input.LastName, clock.GetUtcNow().UtcDateTime, accountId, input.UserName)
        {
            EmailConfirmed = true,
            PhoneNumber = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim(),
        };
        user.Rename(input.FirstName, input.LastName, input.Nickname);
        var created = input.Password is { Length: > 0 } password ? await users.CreateAsync(user, password) : await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return new(CommandResult.Refused(created.Errors.Select(e => IdentityErrors.ToError(e)).ToArray()),
                ExistingUserId: created.Errors.Any(e => e.Code == IdentityErrors.DuplicateEmail.Code) ? (await users.FindByEmailAsync(input.Email.Trim()))?.Id : null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Memberships.Add(new Membership(accountId, user, input.Role, now, actorId));
        if (input.Settings is not null && settings != UserSettingsValues.Defaults)
        {
            db.UserSettings.Add(new UserSettings(user.Id, settings, now));
        }

        if (pictureType is not null)
        {
            db.ProfilePictures.Add(new ProfilePicture(user.Id, pictureType, input.Picture!, now));
        }

        var placed = await AgentPlacements.ApplyAsync(db, accountId, user.Id, input.Placement ?? AgentPlacement.None, cancellationToken);
        audit.Record(AuditActions.UserCreated, actor.Account.AgencyId, accountId, user.Id, $"{user.Email} as {input.Role.Display()}", actorId);
        foreach (var change in placed)
        {
            audit.Record(change.Action, actor.Account.AgencyId, accountId, user.Id, change.Details, actorId);
        }

        var link = user.PasswordHash is null ? await invitations.CreateLinkAsync(user) : null;
        var (subject, text, html) = templates.Invitation(user, actor.Account.AccountName, input.Role, link, await authors.OfAsync(actorId, cancellationToken));
        outbox.Enqueue(user.Email!, subject, text, html);
        await db.SaveChangesAsync(cancellationToken);
        return new(CommandResult.Done, UserId: user.Id);
    }

    public async Task<CommandResult> GrantExistingAsync(
        Guid actorId, Guid accountId, Guid userId, AccountRole role, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (actorId == userId)
        {
            return CommandResult.Refused(AccessErrors.OwnRoles);
        }

        if (!GrantableRoles(actor.Access).Contains(role))
        {
            return CommandResult.Refused(UserErrors.RoleNotGrantable);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.ArchivedAt == null, cancellationToken);
        if (user is null)
        {
            return CommandResult.NotFound;
        }

        if (user.IsSupportStaff)
        {
            return CommandResult.Refused(AccessErrors.SupportStaff);
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId, cancellationToken);
        if (membership is { EndedAt: null })
        {
            return CommandResult.Refused(UserErrors.AlreadyMember);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (membership is null)
        {
            db.Memberships.Add(new Membership(accountId, user, role, now, actorId));
        }
        else
        {
            membership.Restore(actorId, now);
            membership.ChangeRole(role);
            membership.RefreshKeys(user);
        }

        audit.Record(AuditActions.MembershipGranted, actor.Account.AgencyId, accountId, userId, role.Display(), actorId);
        var (subject, text, html) = templates.AccessGranted(user, actor.Account.AccountName, role, await authors.OfAsync(actorId, cancellationToken));
        outbox.Enqueue(user.Email!, subject, text, html);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done;
    }

    public async Task<IReadOnlyList<CommandError>> CheckAsync(Guid actorId, Guid accountId, NewUser input, CancellationToken cancellationToken = default)
    {
        var (actor, _) = await access.ActorAsync(actorId, accountId, Permission.ManageUsers, cancellationToken);
        return actor is null ? [] : await ValidateAsync(accountId, input, actor.Access, cancellationToken);
    }

    /// <summary>Every rule of the form that needs no look-up of other users, each error at its field.</summary>
    private async Task<List<CommandError>> ValidateAsync(Guid accountId, NewUser input, AccountAccess actor, CancellationToken cancellationToken)
    {
        var errors = ProfileRules.Identity(input.Email, input.FirstName, input.LastName, input.Phone).ToList();
        if (input.Nickname is { Length: > 100 })
        {
            errors.Add(UserErrors.Nickname);
        }

        if (!GrantableRoles(actor).Contains(input.Role))
        {
            errors.Add(UserErrors.RoleNotGrantable);
        }

        errors.AddRange(ProfileRules.Settings(input.Settings ?? UserSettingsValues.Defaults).Errors);
        if (input.Picture is { Length: > 0 } picture && ProfileRules.Picture(picture).Error is { } pictureError)
        {
            errors.Add(pictureError);
        }

        errors.AddRange(await AgentPlacements.ValidateAsync(db, accountId, input.Role, input.Placement ?? AgentPlacement.None, cancellationToken));
        return errors;
    }
}
