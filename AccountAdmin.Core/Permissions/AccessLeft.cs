using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Permissions;

internal static class AccessLeft
{
    /// <summary>
    /// Whether the user still holds a grant anywhere: asked after the change's own removals are saved, under a lock on the
    /// user's row, so that of two removals from different accounts at once the second sees the first and archives the
    /// user who has nothing left.
    /// </summary>
    public static async Task<bool> HasAnyAccessAsync(this AccountAdminDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.ConcurrencyStamp, u => u.ConcurrencyStamp), cancellationToken);
        return await db.Memberships.AnyAsync(m => m.UserId == userId && m.EndedAt == null, cancellationToken)
            || await db.AgencyRoleGrants.AnyAsync(g => g.UserId == userId, cancellationToken)
            || await db.DivisionMembers.AnyAsync(d => d.UserId == userId, cancellationToken)
            || await db.DivisionAdministrators.AnyAsync(d => d.UserId == userId, cancellationToken);
    }

    /// <summary>
    /// Archives a user who has no access left (seed 004): with the password go their passkeys, which would otherwise sign
    /// them straight back in once restored, before they set a new password.
    /// </summary>
    public static async Task ArchiveAsync(this AccountAdminDbContext db, AppUser user, DateTime at, CancellationToken cancellationToken)
    {
        await db.Set<IdentityUserPasskey<Guid>>().Where(p => p.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        user.Archive(at);
    }
}
