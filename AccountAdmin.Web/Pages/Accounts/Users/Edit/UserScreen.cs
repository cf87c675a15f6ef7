using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Roles;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>
/// What the user page shows: the user, where their access comes from, and the forms, each filled with what is saved
/// except the one that was posted, which shows what was typed.
/// </summary>
public sealed class UserScreen
{
    public required Guid AccountId { get; init; }

    public required UserProfile Profile { get; init; }

    public required RoleAssignmentsView Assignments { get; init; }

    public required IReadOnlyList<AccessLine> Access { get; init; }

    /// <summary>The agency's divisions with the user's place in each; null for a viewer who manages no division.</summary>
    public required IReadOnlyList<UserDivision>? Divisions { get; init; }

    public required IReadOnlyList<AccountRole> AddableRoles { get; init; }

    public required AgentSectionsView AgentSections { get; init; }

    /// <summary>Whether the user has a second factor, and how many of their sessions have not ended.</summary>
    public SignInSummary SignIn { get; init; } = new(false, 0);

    /// <summary>The form that was posted: the only one to show the errors that belong to none of its fields.</summary>
    public UserForm Posted { get; set; }

    public ProfileInput Input { get; set; } = new();

    public RolesInput Roles { get; set; } = new();

    public PasswordInput Password { get; set; } = new();

    /// <summary>The divisions as posted; null shows them as saved.</summary>
    public DivisionsInput? DivisionChoice { get; set; }

    public Guid UserId => Profile.UserId;

    public string Name => $"{Profile.FirstName} {Profile.LastName}";

    public string Url => $"/accounts/{AccountId}/users/{UserId}";

    /// <summary>The user outranks the viewer: everything is shown, nothing can be changed.</summary>
    public bool ReadOnly => Profile.OutranksViewer;
}
