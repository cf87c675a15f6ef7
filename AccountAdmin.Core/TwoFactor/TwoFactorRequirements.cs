using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.TwoFactor;

public interface ITwoFactorRequirements
{
    /// <summary>
    /// Whether the user must set up a second factor before doing anything else: support staff always, anyone else when an
    /// agency or account they work in requires it of them; never once they have one (an app or a passkey).
    /// </summary>
    Task<bool> MustSetUpAsync(AppUser user, CancellationToken cancellationToken = default);

    /// <summary>Whether the user must sign in with a second factor at all: support staff, or under a requirement where they work.</summary>
    Task<bool> AppliesToAsync(AppUser user, CancellationToken cancellationToken = default);

    /// <summary>What the agency requires now.</summary>
    Task<TwoFactorRequirement> OfAgencyAsync(Guid agencyId, CancellationToken cancellationToken = default);

    /// <summary>Sets who must use a second factor in an account: Manage account settings there.</summary>
    Task<CommandResult> SetForAccountAsync(Guid actorId, Guid accountId, TwoFactorRequirement requirement, CancellationToken cancellationToken = default);

    /// <summary>Sets who must use a second factor across an agency: its administrators (Give agency roles).</summary>
    Task<CommandResult> SetForAgencyAsync(Guid actorId, Guid agencyId, TwoFactorRequirement requirement, CancellationToken cancellationToken = default);
}

public sealed class TwoFactorRequirements(AccountAdminDbContext db, IAccessService access, AuditTrail audit, ImpersonationGuard guard) : ITwoFactorRequirements
{
    public static string Describe(TwoFactorRequirement requirement) => requirement switch
    {
        TwoFactorRequirement.Administrators => "required of Owners and Administrators",
        TwoFactorRequirement.Everyone => "required of everyone",
        _ => "not required",
    };

    public async Task<bool> MustSetUpAsync(AppUser user, CancellationToken cancellationToken = default) =>
        !user.HasSecondFactor && await AppliesToAsync(user, cancellationToken);

    public async Task<bool> AppliesToAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        if (user.IsSupportStaff)
        {
            return true;
        }

        const TwoFactorRequirement admins = TwoFactorRequirement.Administrators;
        const TwoFactorRequirement everyone = TwoFactorRequirement.Everyone;
        var userId = user.Id;
        return await db.Memberships.AnyAsync(
                m => m.UserId == userId && m.EndedAt == null
                    && (m.Account.TwoFactorRequirement == everyone || m.Account.Agency.TwoFactorRequirement == everyone
                        || ((m.Account.TwoFactorRequirement == admins || m.Account.Agency.TwoFactorRequirement == admins)
                            && (m.Role == AccountRole.Owner || m.Role == AccountRole.Administrator))),
                cancellationToken)
            || await db.AgencyRoleGrants.AnyAsync(
                g => g.UserId == userId
                    && db.Agencies.Any(a => a.Id == g.AgencyId
                        && (a.TwoFactorRequirement == everyone || (a.TwoFactorRequirement == admins && g.Role == AgencyRole.AgencyAdministrator))),
                cancellationToken)
            || await db.DivisionAdministrators.AnyAsync(
                d => d.UserId == userId && db.Divisions.Any(v => v.Id == d.DivisionId && db.Agencies.Any(a => a.Id == v.AgencyId && a.TwoFactorRequirement != TwoFactorRequirement.None)),
                cancellationToken)
            || await db.DivisionMembers.AnyAsync(
                d => d.UserId == userId && db.Divisions.Any(v => v.Id == d.DivisionId && db.Agencies.Any(a => a.Id == v.AgencyId && a.TwoFactorRequirement == everyone)),
                cancellationToken);
    }

    public async Task<TwoFactorRequirement> OfAgencyAsync(Guid agencyId, CancellationToken cancellationToken = default) =>
        await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.TwoFactorRequirement).SingleOrDefaultAsync(cancellationToken);

    public async Task<CommandResult> SetForAccountAsync(Guid actorId, Guid accountId, TwoFactorRequirement requirement, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageAccountSettings, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        if (await guard.RefuseAsync("change who must use two-factor sign-in", account.AgencyId, accountId, actorId, FieldName, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await ChangeAsync(
            account.TwoFactorRequirement, requirement, account.RequireTwoFactor, account.AgencyId, accountId, $"in {account.Name}", actorId, cancellationToken);
    }

    public async Task<CommandResult> SetForAgencyAsync(Guid actorId, Guid agencyId, TwoFactorRequirement requirement, CancellationToken cancellationToken = default)
    {
        var actor = await access.GetAgencyAsync(actorId, agencyId, cancellationToken);
        if (actor is null)
        {
            return CommandResult.NotFound;
        }

        if (!actor.Has(Permission.ManageAgencyRoles))
        {
            return CommandResult.Forbidden;
        }

        if (await guard.RefuseAsync("change who must use two-factor sign-in", agencyId, null, actorId, FieldName, cancellationToken) is { } refused)
        {
            return refused;
        }

        var agency = await db.Agencies.SingleAsync(a => a.Id == agencyId, cancellationToken);
        return await ChangeAsync(
            agency.TwoFactorRequirement, requirement, agency.RequireTwoFactor, agencyId, null, $"across {agency.Name}", actorId, cancellationToken);
    }

    /// <summary>After the actor's permission: a known choice, audited when it changes anything.</summary>
    private async Task<CommandResult> ChangeAsync(
        TwoFactorRequirement was, TwoFactorRequirement requirement, Action<TwoFactorRequirement> change, Guid agencyId, Guid? accountId, string where,
        Guid actorId, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(requirement))
        {
            return CommandResult.Refused(Unknown);
        }

        if (was == requirement)
        {
            return CommandResult.Done;
        }

        change(requirement);
        audit.Record(AuditActions.TwoFactorRequirementChanged, agencyId, accountId, details: $"Two-factor sign-in {Describe(requirement)} {where}", actorUserId: actorId);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done;
    }

    private const string FieldName = "TwoFactorRequirement";

    public static readonly CommandError Unknown = new("UnknownRequirement", "Choose who must use two-factor sign-in.", FieldName);
}
