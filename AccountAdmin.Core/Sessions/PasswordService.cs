using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Core.Sessions;

public interface IPasswordService
{
    /// <summary>Changes the signed-in user's own password; every other session of theirs ends (the stamp rotates).</summary>
    Task<CommandResult> ChangeAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken = default);
}

public sealed class PasswordService(
    UserManager<AppUser> users, AccountAdminDbContext db, AuditTrail audit, ImpersonationGuard guard, ISessionService sessions, IActorContext actor,
    SignInChangeNotices notices)
    : IPasswordService
{
    public async Task<CommandResult> ChangeAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken = default) =>
        await guard.RefuseAsync("change this user's password", null, null, userId, "NewPassword", cancellationToken)
        ?? await db.AtomicallyAsync(() => ChangeCoreAsync(userId, currentPassword, newPassword, cancellationToken), cancellationToken);

    private async Task<CommandResult> ChangeCoreAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.ArchivedAt is not null)
        {
            return CommandResult.NotFound;
        }

        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return IdentityErrors.Refused(result, "NewPassword");
        }

        audit.Record(AuditActions.PasswordChanged, targetUserId: userId, actorUserId: userId);
        notices.Tell(user, "Your password was changed, and every other browser signed in as you was signed out.");
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(userId, actor.SessionId, SessionEnd.PasswordChanged, cancellationToken);
        return CommandResult.Done;
    }
}
