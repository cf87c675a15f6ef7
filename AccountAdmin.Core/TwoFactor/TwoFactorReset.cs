using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.TwoFactor;

public interface ITwoFactorReset
{
    /// <summary>
    /// An administrator turns a user's second factor off, for a user who lost their phone and their recovery codes: Manage
    /// Users in the account, in the user's home account (or its agency) and wherever else the user works, and not outranked.
    /// The user is signed out everywhere and e-mailed; support staff are led to set it up again at their next sign-in.
    /// </summary>
    Task<CommandResult> ResetAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default);
}

public sealed class TwoFactorReset(
    UserManager<AppUser> users, IUserStore<AppUser> store, AccountAdminDbContext db, IAccessService access, ISessionService sessions, AuditTrail audit,
    EmailOutbox outbox, EmailTemplates templates, ChangeAuthors authors) : ITwoFactorReset
{
    public Task<CommandResult> ResetAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken = default) =>
        db.AtomicallyAsync(
            async () =>
            {
                if (await access.RefuseSignInChangeAsync(db, actorId, accountId, userId, cancellationToken) is { } refusal)
                {
                    return refusal;
                }

                var user = (await users.FindByIdAsync(userId.ToString()))!;
                if (!user.HasSecondFactor)
                {
                    return CommandResult.Refused(TwoFactorErrors.NotOn);
                }

                var passkeys = user.PasskeyCount;
                await db.Set<IdentityUserPasskey<Guid>>().Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
                user.CountPasskeys(0);
                if (!await SecondFactors.TurnOffAsync(users, store, user, cancellationToken))
                {
                    return CommandResult.Refused(TwoFactorErrors.ChangedMeanwhile);
                }

                var ended = await sessions.EndAllAsync(userId, null, SessionEnd.SecondFactorChanged, cancellationToken);
                var agencyId = (await access.GetAsync(actorId, accountId, cancellationToken))!.Account.AgencyId;
                audit.Record(
                    AuditActions.TwoFactorReset, agencyId, accountId, userId,
                    $"Reset by an administrator{(passkeys > 0 ? $", {English.Count(passkeys, "passkey")} removed" : "")}; signed out everywhere ({English.Count(ended, "session")}) and e-mailed", actorId);
                var (subject, text, html) = templates.SecondFactorReset(user, await authors.OfAsync(actorId, cancellationToken));
                outbox.Enqueue(user.Email!, subject, text, html);
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            },
            cancellationToken);
}
