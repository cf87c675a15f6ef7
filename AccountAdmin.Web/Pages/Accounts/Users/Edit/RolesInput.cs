using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Roles;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>Assign Roles: the accounts and agency roles ticked for removal, and +Add Role.</summary>
public sealed class RolesInput
{
    /// <summary>The value of an agency role in the +Add Role drop-down, beside the plain account roles.</summary>
    public const string AgencyRolePrefix = "agency:";

    public List<Guid> RemoveAccountIds { get; set; } = [];

    public List<AgencyRole> RemoveAgencyRoles { get; set; } = [];

    /// <summary>An account role's name, or <see cref="AgencyRolePrefix"/> and an agency role's.</summary>
    [Display(Name = "Role")]
    public string? AddRole { get; set; }

    [Display(Name = "Accounts where the user will have this role")]
    public List<Guid> AddAccountIds { get; set; } = [];

    public string ConcurrencyStamp { get; set; } = "";

    /// <summary>+Add Role's account list: the part of a name it looks for, and where its shown page starts.</summary>
    public string? AccountFilter { get; set; }

    public string? AccountsAfter { get; set; }

    public GrantableQuery Grantable() => new(
        AccountFilter, Guid.TryParseExact(AccountsAfter ?? "", "N", out var after) ? after : null, AddAccountIds);

    /// <summary>The changes to save; null when +Add Role holds a value the list never offered.</summary>
    public RoleChanges? ToChanges()
    {
        AccountRole? role = null;
        AgencyRole? agencyRole = null;
        if (AddRole is { Length: > 0 } chosen)
        {
            if (chosen.StartsWith(AgencyRolePrefix, StringComparison.Ordinal) && Enum.TryParse<AgencyRole>(chosen[AgencyRolePrefix.Length..], out var a))
            {
                agencyRole = a;
            }
            else if (Enum.TryParse<AccountRole>(chosen, out var r) && Enum.IsDefined(r))
            {
                role = r;
            }
            else
            {
                return null;
            }
        }

        return new RoleChanges(ConcurrencyStamp, RemoveAccountIds, RemoveAgencyRoles, role, AddAccountIds, agencyRole);
    }
}
