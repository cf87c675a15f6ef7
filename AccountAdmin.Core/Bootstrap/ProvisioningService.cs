using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Bootstrap;

/// <summary>
/// Find-or-create steps for setting up an installation: the first support user, the first agency with its
/// account and Owner, and the demo data. Each step is idempotent and fails loudly on a refused identity.
/// </summary>
public sealed class ProvisioningService(AccountAdminDbContext db, UserManager<AppUser> users, AuditTrail audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Agency> EnsureAgencyAsync(string name, CancellationToken cancellationToken = default)
    {
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Name == name, cancellationToken);
        if (agency is not null)
        {
            return agency;
        }

        agency = new Agency(name, Now);
        db.Agencies.Add(agency);
        audit.Record(AuditActions.AgencyCreated, agencyId: agency.Id, details: name);
        await db.SaveChangesAsync(cancellationToken);
        return agency;
    }

    public async Task<Account> EnsureAccountAsync(Agency agency, string name, Division? division = null, CancellationToken cancellationToken = default)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.AgencyId == agency.Id && a.Name == name, cancellationToken);
        if (account is null)
        {
            account = new Account(agency.Id, name, Now, division?.Id);
            db.Accounts.Add(account);
            audit.Record(AuditActions.AccountCreated, agencyId: agency.Id, accountId: account.Id, details: name);
            await db.SaveChangesAsync(cancellationToken);
        }

        return account;
    }

    public async Task<Division> EnsureDivisionAsync(Agency agency, string name, string? description = null, CancellationToken cancellationToken = default)
    {
        var normalized = name.Trim().ToUpperInvariant();
        var division = await db.Divisions.FirstOrDefaultAsync(d => d.AgencyId == agency.Id && d.NormalizedName == normalized, cancellationToken);
        if (division is null)
        {
            division = new Division(agency.Id, name, description, Now);
            db.Divisions.Add(division);
            audit.Record(AuditActions.DivisionCreated, agencyId: agency.Id, details: name);
            await db.SaveChangesAsync(cancellationToken);
        }

        return division;
    }

    /// <summary>Finds the user by e-mail, else creates it with <paramref name="password"/> (null: invited, no password yet).</summary>
    public async Task<AppUser> EnsureUserAsync(
        string email, string firstName, string lastName, string? password, Guid? homeAccountId = null,
        CancellationToken cancellationToken = default, string? userName = null)
    {
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            return existing;
        }

        var user = new AppUser(email, firstName, lastName, Now, homeAccountId, userName) { EmailConfirmed = true };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        ThrowIfFailed(result, $"create the user {email}");
        audit.Record(AuditActions.UserCreated, targetUserId: user.Id, details: email);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task<AppUser> EnsureSupportUserAsync(string email, string firstName, string lastName, string? password, CancellationToken cancellationToken = default)
    {
        var user = await EnsureUserAsync(email, firstName, lastName, password, cancellationToken: cancellationToken);
        if (!user.IsSupportStaff)
        {
            user.MakeSupportStaff();
            audit.Record(AuditActions.SupportUserCreated, targetUserId: user.Id, details: email);
            await db.SaveChangesAsync(cancellationToken);
        }

        return user;
    }

    public async Task<Membership> EnsureMembershipAsync(Account account, AppUser user, AccountRole role, CancellationToken cancellationToken = default)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.AccountId == account.Id && m.UserId == user.Id, cancellationToken);
        if (membership is null)
        {
            membership = new Membership(account.Id, user, role, Now, audit.ActorUserId);
            db.Memberships.Add(membership);
            audit.Record(AuditActions.MembershipGranted, account.AgencyId, account.Id, user.Id, role.Display());
            await db.SaveChangesAsync(cancellationToken);
        }

        return membership;
    }

    public async Task EnsureAgencyRoleAsync(Agency agency, AppUser user, AgencyRole role, CancellationToken cancellationToken = default)
    {
        if (!await db.AgencyRoleGrants.AnyAsync(g => g.AgencyId == agency.Id && g.UserId == user.Id && g.Role == role, cancellationToken))
        {
            db.AgencyRoleGrants.Add(new AgencyRoleGrant(agency.Id, user.Id, role, Now, audit.ActorUserId));
            audit.Record(AuditActions.AgencyRoleGranted, agency.Id, targetUserId: user.Id, details: role.Display());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task EnsureDivisionAdministratorAsync(Division division, AppUser user, CancellationToken cancellationToken = default)
    {
        if (!await db.DivisionAdministrators.AnyAsync(d => d.DivisionId == division.Id && d.UserId == user.Id, cancellationToken))
        {
            db.DivisionAdministrators.Add(new DivisionAdministrator(division.Id, user.Id, Now));
            audit.Record(AuditActions.DivisionAdministratorAdded, division.AgencyId, targetUserId: user.Id, details: division.Name);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task EnsureDivisionMemberAsync(Division division, AppUser user, CancellationToken cancellationToken = default)
    {
        if (!await db.DivisionMembers.AnyAsync(d => d.DivisionId == division.Id && d.UserId == user.Id, cancellationToken))
        {
            db.DivisionMembers.Add(new DivisionMember(division.Id, user.Id, Now));
            audit.Record(AuditActions.DivisionMemberAdded, division.AgencyId, targetUserId: user.Id, details: division.Name);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static void ThrowIfFailed(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    public async Task EnsureScheduleAsync(Account account, string name, string timeZoneId, string weeklyHours, CancellationToken cancellationToken = default)
    {
        if (!await db.Schedules.AnyAsync(s => s.AccountId == account.Id && s.Name == name, cancellationToken))
        {
            db.Schedules.Add(new Schedule(account.Id, name, timeZoneId, weeklyHours));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The user works to the account's schedule of that name, unless they work to one there already.</summary>
    public async Task EnsureScheduleAssignmentAsync(Account account, AppUser user, string scheduleName, CancellationToken cancellationToken = default)
    {
        if (!await db.ScheduleAssignments.AnyAsync(a => a.AccountId == account.Id && a.UserId == user.Id, cancellationToken))
        {
            var schedule = await db.Schedules.SingleAsync(s => s.AccountId == account.Id && s.Name == scheduleName, cancellationToken);
            db.ScheduleAssignments.Add(new ScheduleAssignment(account.Id, user.Id, schedule.Id));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>A routing method with these agents, in this order, unless the account has one of that name already.</summary>
    public async Task EnsureRoutingMethodAsync(Account account, string name, RoutingKind kind, IReadOnlyList<AppUser> agents, CancellationToken cancellationToken = default)
    {
        if (!await db.RoutingMethods.AnyAsync(m => m.AccountId == account.Id && m.Name == name, cancellationToken))
        {
            var method = new RoutingMethod(account.Id, name, kind);
            db.RoutingMethods.Add(method);
            db.RoutingAgents.AddRange(agents.Select((agent, i) => new RoutingAgent(method.Id, agent.Id, i)));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task EnsureAccessControlGroupAsync(Account account, string name, CancellationToken cancellationToken = default)
    {
        if (!await db.AccessControlGroups.AnyAsync(g => g.AccountId == account.Id && g.Name == name, cancellationToken))
        {
            db.AccessControlGroups.Add(new AccessControlGroup(account.Id, name));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
