using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Roles;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

/// <summary>A user's page in one account: profile and agent sections, Assign Roles, password, effective access.</summary>
public sealed class EditModel(
    IAccessService access, CurrentAccount current, IUserProfiles profiles, IRoleAssignments roles, IEffectiveAccess effective,
    IDivisionService divisions)
    : AccountPageModel(access, current)
{
    /// <summary>The value of an agency role in the +Add Role drop-down, beside the plain account roles.</summary>
    public const string AgencyRolePrefix = "agency:";

    [FromRoute]
    public Guid UserId { get; set; }

    public ProfileInput Input { get; set; } = new();

    public RolesInput Roles { get; set; } = new();

    public PasswordInput Password { get; set; } = new();

    public UserProfile Profile { get; private set; } = null!;

    public RoleAssignmentsView Assignments { get; private set; } = null!;

    public IReadOnlyList<AccessLine> Access { get; private set; } = [];

    public IReadOnlyList<AccountRole> AddableRoles { get; private set; } = [];

    /// <summary>The agency's divisions with the user's place in each; empty for someone who manages no division.</summary>
    public IReadOnlyList<UserDivision> Divisions { get; private set; } = [];

    public bool ManagesDivisions { get; private set; }

    [BindProperty]
    public DivisionsInput DivisionChoice { get; set; } = new();

    public sealed class DivisionsInput
    {
        /// <summary>The divisions the form offered; the user leaves those of them not chosen.</summary>
        public List<Guid> Shown { get; set; } = [];

        public List<Guid> Chosen { get; set; } = [];
    }

    public sealed class ProfileInput : UserDetailsInput
    {
        [StringLength(256)]
        [Display(Name = "E-mail")]
        public string? Email { get; set; }

        [StringLength(100)]
        [Display(Name = "First name")]
        public string? FirstName { get; set; }

        [StringLength(100)]
        [Display(Name = "Last name")]
        public string? LastName { get; set; }

        public string ConcurrencyStamp { get; set; } = "";
    }

    public sealed class RolesInput
    {
        public List<Guid> RemoveAccountIds { get; set; } = [];

        public List<AgencyRole> RemoveAgencyRoles { get; set; } = [];

        /// <summary>An account role's name, or <see cref="AgencyRolePrefix"/> and an agency role's.</summary>
        [Display(Name = "Role")]
        public string? AddRole { get; set; }

        [Display(Name = "Accounts where the user will have this role")]
        public List<Guid> AddAccountIds { get; set; } = [];

        public string ConcurrencyStamp { get; set; } = "";
    }

    public sealed class PasswordInput
    {
        [DataType(DataType.Password)]
        [StringLength(512)]
        [Display(Name = "New password")]
        public string? NewPassword { get; set; }

        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
        public string? ConfirmPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        FillInputs();
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        await TryUpdateModelAsync(Input, nameof(Input));
        Roles.ConcurrencyStamp = Profile.ConcurrencyStamp;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var protectedFields = Profile.CanEditProtected;
        var result = await profiles.UpdateAsync(
            User.GetUserId(), AccountId, UserId,
            new ProfileUpdate(
                Input.Nickname, Input.Settings.ToValues(), Input.Placement(), Input.ConcurrencyStamp,
                protectedFields ? Input.Email ?? "" : null,
                protectedFields ? Input.FirstName ?? "" : null,
                protectedFields ? Input.LastName ?? "" : null,
                protectedFields ? Input.UserName ?? "" : null,
                protectedFields ? Input.Phone ?? "" : null,
                await Input.PictureBytesAsync(HttpContext.RequestAborted),
                Input.RemovePicture),
            HttpContext.RequestAborted);
        return await AfterSaveAsync(result, "Input.", "The user's profile and settings were saved.");
    }

    public async Task<IActionResult> OnPostRolesAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        await TryUpdateModelAsync(Roles, nameof(Roles));
        FillProfileInput();
        AccountRole? role = null;
        AgencyRole? agencyRole = null;
        if (Roles.AddRole is { Length: > 0 } chosen)
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
                ModelState.AddModelError("Roles.AddRole", "Choose a role from the list.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await roles.ApplyAsync(
            User.GetUserId(), AccountId, UserId,
            new RoleChanges(Roles.ConcurrencyStamp, Roles.RemoveAccountIds, Roles.RemoveAgencyRoles, role, Roles.AddAccountIds, agencyRole),
            HttpContext.RequestAborted);
        if (result.Succeeded && !await StillHereAsync())
        {
            return AfterCommand(result, $"{Profile.FirstName} {Profile.LastName}'s roles were saved; they no longer have access to this account.",
                $"/accounts/{AccountId}/users");
        }

        return await AfterSaveAsync(result, "Roles.", "The roles were saved and the user has been e-mailed.");
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        await TryUpdateModelAsync(Password, nameof(Password));
        FillInputs();
        if (string.IsNullOrEmpty(Password.NewPassword))
        {
            ModelState.AddModelError("Password.NewPassword", "Enter the new password.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await profiles.SetPasswordAsync(User.GetUserId(), AccountId, UserId, Password.NewPassword!, HttpContext.RequestAborted);
        return await AfterSaveAsync(result, "Password.", "The password was saved. The user's sessions have ended; they sign in with the new password.");
    }

    public async Task<IActionResult> OnPostDivisionsAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        FillInputs();
        var change = await divisions.SetUserDivisionsAsync(
            User.GetUserId(), Account.Account.AgencyId, UserId, DivisionChoice.Shown, DivisionChoice.Chosen, HttpContext.RequestAborted);
        return await AfterSaveAsync(change.Result, "DivisionChoice.", (change.Added, change.Removed) switch
        {
            (0, 0) => "The divisions had not changed.",
            _ => $"The divisions were saved: {Profile.FirstName} {Profile.LastName} joined {English.Count(change.Added, "division")} and left {change.Removed}. Nothing else was deleted.",
        });
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        var actorId = User.GetUserId();
        var profile = await profiles.GetAsync(actorId, AccountId, UserId, HttpContext.RequestAborted);
        var assignments = profile is null ? null : await roles.GetAsync(actorId, AccountId, UserId, HttpContext.RequestAborted);
        if (profile is null || assignments is null)
        {
            return NotFound();
        }

        Profile = profile;
        Assignments = assignments;
        Access = await effective.ExplainAsync(UserId, Account.Account.AgencyId, HttpContext.RequestAborted);
        var userDivisions = await divisions.OfUserAsync(actorId, Account.Account.AgencyId, UserId, HttpContext.RequestAborted);
        ManagesDivisions = userDivisions is not null;
        Divisions = userDivisions ?? [];
        AddableRoles = Enum.GetValues<AccountRole>()
            .Where(r => r != AccountRole.Owner || assignments.GrantableAccounts.Any(a => a.Owner))
            .ToList();
        ViewData[AgentSectionsView.Key] = new AgentSectionsView(
            await profiles.OptionsAsync(AccountId, HttpContext.RequestAborted),
            profile.RoleHere is AccountRole.CallAgent or AccountRole.CallManager or AccountRole.ReportManager,
            profile.HasPicture ? $"/accounts/{AccountId}/users/{UserId}/picture?v={profile.ConcurrencyStamp[..8]}" : null);
        return null;
    }

    private async Task<bool> StillHereAsync() =>
        await profiles.GetAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted) is not null;

    /// <summary>Success: back to this page with a message. A refusal: this page again, each error at its field.</summary>
    private async Task<IActionResult> AfterSaveAsync(CommandResult result, string prefix, string success)
    {
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, success, $"/accounts/{AccountId}/users/{UserId}");
        }

        if (result.Errors.Any(e => e.Code == UserErrors.StaleEdit.Code))
        {
            // Show what the other administrator saved, rather than what this one typed over it.
            ModelState.Clear();
            await LoadAsync();
            FillInputs();
        }

        ModelState.AddErrors(result.Errors, prefix);

        return Page();
    }

    private void FillInputs()
    {
        FillProfileInput();
        Roles.ConcurrencyStamp = Profile.ConcurrencyStamp;
    }

    private void FillProfileInput()
    {
        Input.Email = Profile.Email;
        Input.FirstName = Profile.FirstName;
        Input.LastName = Profile.LastName;
        Input.Nickname = Profile.Nickname;
        Input.UserName = Profile.UserName;
        Input.Phone = Profile.Phone;
        Input.ConcurrencyStamp = Profile.ConcurrencyStamp;
        Input.Load(Profile.Settings, Profile.ScheduleId, Profile.GroupIds);
    }
}
