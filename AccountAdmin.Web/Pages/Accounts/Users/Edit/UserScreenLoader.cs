using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Roles;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>Gathers what the user page shows, for the page itself and for each of its forms' pages.</summary>
public sealed class UserScreenLoader(
    IUserProfiles profiles, IRoleAssignments roles, IEffectiveAccess effective, IDivisionService divisions, ISessionManagement sessions)
{
    /// <summary>The screen with every form as saved; null when the actor may not see this user from this account.</summary>
    public async Task<UserScreen?> LoadAsync(
        Guid actorId, AccountScope account, Guid userId, GrantableQuery? grantable, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(actorId, account.AccountId, userId, cancellationToken);
        var assignments = profile is null ? null : await roles.GetAsync(actorId, account.AccountId, userId, grantable, cancellationToken);
        if (profile is null || assignments is null)
        {
            return null;
        }

        return new UserScreen
        {
            AccountId = account.AccountId,
            Profile = profile,
            Assignments = assignments,
            Access = await effective.ExplainAsync(userId, account.AgencyId, cancellationToken),
            Divisions = await divisions.OfUserAsync(actorId, account.AgencyId, userId, cancellationToken),
            AddableRoles = Enum.GetValues<AccountRole>().Where(r => r != AccountRole.Owner || assignments.Grantable.OwnerAnywhere).ToList(),
            AgentSections = new AgentSectionsView(
                await profiles.OptionsAsync(account.AccountId, cancellationToken),
                profile.RoleHere is AccountRole.CallAgent or AccountRole.CallManager or AccountRole.ReportManager,
                profile.HasPicture ? $"/accounts/{account.AccountId}/users/{userId}/picture?v={profile.ConcurrencyStamp[..8]}" : null)
            {
                RoutingApplies = profile.RoleHere == AccountRole.CallAgent,
                Suspended = profile.StatusHere == MembershipStatus.Suspended,
            },
            SignIn = await sessions.SummaryAsync(userId, cancellationToken),
            Input = ProfileInput.From(profile),
            Roles = new RolesInput { ConcurrencyStamp = profile.ConcurrencyStamp },
        };
    }

    /// <summary>Whether the actor still sees the user from this account (after a change of roles, perhaps not).</summary>
    public async Task<bool> StillVisibleAsync(Guid actorId, Guid accountId, Guid userId, CancellationToken cancellationToken) =>
        await profiles.GetAsync(actorId, accountId, userId, cancellationToken) is not null;
}
