using System.Buffers.Text;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Passkeys;

/// <summary>One of a user's passkeys as their profile lists it; <paramref name="Id"/> is the credential id, base64url.</summary>
public sealed record PasskeySummary(string Id, string Name, DateTimeOffset CreatedAt, bool BackedUp);

public interface IPasskeys
{
    /// <summary>The user's passkeys, newest first.</summary>
    Task<IReadOnlyList<PasskeySummary>> ListAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a passkey the browser has just made and the server has verified (Identity's attestation), under a name the user
    /// chose. Not while logged in as someone else; not a passkey another user has; at most <see cref="PasskeyRules.MaxPerUser"/>.
    /// </summary>
    Task<CommandResult> AddAsync(Guid userId, UserPasskeyInfo passkey, string name, CancellationToken cancellationToken = default);

    /// <summary>Renames one of the user's own passkeys; another user's id is not found.</summary>
    Task<CommandResult> RenameAsync(Guid userId, string id, string name, CancellationToken cancellationToken = default);

    /// <summary>Removes one of the user's own passkeys: it no longer signs anyone in.</summary>
    Task<CommandResult> RemoveAsync(Guid userId, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// After Identity verified a sign-in with <paramref name="passkey"/>: whether its user may sign in (not archived), and if
    /// so its new signature counter is kept, so a cloned authenticator replaying an older count is refused next time.
    /// </summary>
    Task<bool> UsedAsync(AppUser user, UserPasskeyInfo passkey, CancellationToken cancellationToken = default);
}

public sealed class Passkeys(
    UserManager<AppUser> users, AccountAdminDbContext db, ImpersonationGuard guard, AuditTrail audit, IRecentSignIn recent, ISessionService sessions,
    IActorContext actor, SignInChangeNotices notices) : IPasskeys
{
    public async Task<IReadOnlyList<PasskeySummary>> ListAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return [];
        }

        return (await users.GetPasskeysAsync(user))
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new PasskeySummary(Base64Url.EncodeToString(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt, p.IsBackedUp))
            .ToList();
    }

    public async Task<CommandResult> AddAsync(Guid userId, UserPasskeyInfo passkey, string name, CancellationToken cancellationToken = default)
    {
        if (await guard.RefuseAsync("add a passkey for this user", null, null, userId, "Name", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!await recent.IsRecentAsync(cancellationToken))
        {
            return CommandResult.Refused(SessionErrors.ConfirmFirst);
        }

        if (PasskeyRules.Name(name) is not { } typed)
        {
            return CommandResult.Refused(PasskeyErrors.NameShape);
        }

        try
        {
            return await AddOnceAsync(userId, passkey, typed, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same passkey posted twice at once: the first keeps it.
            db.ChangeTracker.Clear();
            return CommandResult.Refused(PasskeyErrors.AlreadyRegistered);
        }
    }

    private Task<CommandResult> AddOnceAsync(Guid userId, UserPasskeyInfo passkey, string typed, CancellationToken cancellationToken) =>
        db.OnceAsync(
            async () =>
            {
                var user = await users.FindByIdAsync(userId.ToString());
                if (user is not { ArchivedAt: null })
                {
                    return CommandResult.NotFound;
                }

                if (await users.FindByPasskeyIdAsync(passkey.CredentialId) is not null)
                {
                    return CommandResult.Refused(PasskeyErrors.AlreadyRegistered);
                }

                var count = (await users.GetPasskeysAsync(user)).Count;
                if (count >= PasskeyRules.MaxPerUser)
                {
                    return CommandResult.Refused(PasskeyErrors.TooMany);
                }

                passkey.Name = typed;
                user.CountPasskeys(count + 1);
                if (!(await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded)
                {
                    return CommandResult.Refused(PasskeyErrors.ChangedMeanwhile);
                }

                audit.Record(AuditActions.PasskeyAdded, targetUserId: userId, actorUserId: userId, details: $"\"{typed}\"");
                notices.Tell(user, $"A passkey named \"{typed}\" was added to your account: it signs you in without your password.");
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            },
            PasskeyErrors.ChangedMeanwhile,
            cancellationToken);

    public async Task<CommandResult> RenameAsync(Guid userId, string id, string name, CancellationToken cancellationToken = default)
    {
        if (await guard.RefuseAsync("rename a passkey of this user", null, null, userId, "Name", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (PasskeyRules.Name(name) is not { } typed)
        {
            return CommandResult.Refused(PasskeyErrors.NameShape);
        }

        return await db.OnceAsync(
            async () =>
            {
                if (await FindAsync(userId, id) is not ({ } user, { } passkey))
                {
                    return CommandResult.NotFound;
                }

                var was = passkey.Name;
                passkey.Name = typed;
                if (!(await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded)
                {
                    return CommandResult.Refused(PasskeyErrors.ChangedMeanwhile);
                }

                audit.Record(AuditActions.PasskeyRenamed, targetUserId: userId, actorUserId: userId, details: $"\"{was}\" is now \"{typed}\"");
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            },
            PasskeyErrors.ChangedMeanwhile,
            cancellationToken);
    }

    public async Task<CommandResult> RemoveAsync(Guid userId, string id, CancellationToken cancellationToken = default) =>
        await guard.RefuseAsync("remove a passkey of this user", null, null, userId, "Id", cancellationToken)
        ?? (await recent.IsRecentAsync(cancellationToken) ? null : CommandResult.Refused(SessionErrors.ConfirmFirst))
        ?? await db.OnceAsync(
            async () =>
            {
                if (await FindAsync(userId, id) is not ({ } user, { } passkey))
                {
                    return CommandResult.NotFound;
                }

                user.CountPasskeys((await users.GetPasskeysAsync(user)).Count - 1);
                if (!(await users.RemovePasskeyAsync(user, passkey.CredentialId)).Succeeded)
                {
                    return CommandResult.Refused(PasskeyErrors.ChangedMeanwhile);
                }

                // A browser signed in with it, say on a lost phone, is signed out too: every session but this one ends.
                var ended = await sessions.EndAllAsync(userId, actor.SessionId, SessionEnd.SecondFactorChanged, cancellationToken);
                audit.Record(
                    AuditActions.PasskeyRemoved, targetUserId: userId, actorUserId: userId,
                    details: $"\"{passkey.Name}\"; other browsers signed out ({English.Count(ended, "session")})");
                notices.Tell(user, $"The passkey \"{passkey.Name}\" was removed from your account, and every other browser signed in as you was signed out.");
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            },
            PasskeyErrors.ChangedMeanwhile,
            cancellationToken);

    public async Task<bool> UsedAsync(AppUser user, UserPasskeyInfo passkey, CancellationToken cancellationToken = default)
    {
        // Removed since the browser was asked (say, from another tab): the store would add it back rather than update it.
        if (user.ArchivedAt is not null || await users.GetPasskeyAsync(user, passkey.CredentialId) is null)
        {
            return false;
        }

        return (await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded;
    }

    /// <summary>The user and their passkey with this id; null for a malformed id, another user's, or none.</summary>
    private async Task<(AppUser? User, UserPasskeyInfo? Passkey)> FindAsync(Guid userId, string id)
    {
        if (PasskeyRules.CredentialId(id) is not { } credentialId || await users.FindByIdAsync(userId.ToString()) is not { ArchivedAt: null } user)
        {
            return (null, null);
        }

        return (user, await users.GetPasskeyAsync(user, credentialId));
    }
}
