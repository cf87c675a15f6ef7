using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

public sealed class NewModel(
    IAccessService access, CurrentAccount current, IUserCreation creation, IUserProfiles profiles, IUserDirectory directory)
    : AccountPageModel(access, current)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<AccountRole> Roles { get; private set; } = [];

    public Guid? ExistingUserId { get; private set; }

    /// <summary>The person with that e-mail, when they are already a user of this account.</summary>
    public AccountMember? ExistingMember { get; private set; }

    public sealed class InputModel : UserDetailsInput
    {
        [Required(ErrorMessage = "Enter the user's e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address, such as name@example.com.")]
        [StringLength(256)]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter a first name.")]
        [StringLength(100)]
        [Display(Name = "First name")]
        public string FirstName { get; set; } = "";

        [Required(ErrorMessage = "Enter a last name.")]
        [StringLength(100)]
        [Display(Name = "Last name")]
        public string LastName { get; set; } = "";

        [Required(ErrorMessage = "Choose a role.")]
        public AccountRole? Role { get; set; }

        /// <summary>"invite": e-mail a set-password link now; "password": set one here.</summary>
        public string Authentication { get; set; } = "invite";

        [DataType(DataType.Password)]
        [StringLength(512)]
        public string? Password { get; set; }

        [DataType(DataType.Password)]
        [Display(Name = "Password again")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        public string? ConfirmPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        Roles = creation.GrantableRoles(Account.Access);
        Input.Role = UserCreation.SuggestedRole(Roles);
        await LoadSectionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        Roles = creation.GrantableRoles(Account.Access);
        await LoadSectionsAsync();
        var setPassword = Input.Authentication == "password";
        if (setPassword && string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Choose a password, or send an invitation instead.");
        }

        var input = new NewUser(
            Input.Email ?? "", Input.FirstName ?? "", Input.LastName ?? "", Input.Role ?? AccountRole.CallAgent, Input.Nickname, Input.UserName,
            Input.Phone, setPassword ? Input.Password : null, Input.Settings.ToValues(), await Input.PictureBytesAsync(HttpContext.RequestAborted),
            Input.Placement());
        if (!ModelState.IsValid)
        {
            // Every other field's message too, so that one round of corrections is enough.
            AddErrors(await creation.CheckAsync(User.GetUserId(), AccountId, input, HttpContext.RequestAborted), onlyNewFields: true);
            return Page();
        }

        var outcome = await creation.CreateAsync(User.GetUserId(), AccountId, input, HttpContext.RequestAborted);
        if (outcome.Result.Status == CommandStatus.Refused)
        {
            ExistingUserId = outcome.ExistingUserId;
            ExistingMember = ExistingUserId is { } existing ? await directory.FindMemberAsync(AccountId, existing, HttpContext.RequestAborted) : null;
            AddErrors(outcome.Result.Errors, onlyNewFields: false);
            return Page();
        }

        var message = setPassword
            ? $"{Input.FirstName} {Input.LastName} can now sign in with the password you set."
            : $"{Input.FirstName} {Input.LastName} was added and an invitation is on its way to {Input.Email}.";
        return AfterCommand(outcome.Result, message, $"/accounts/{AccountId}/users");
    }

    private void AddErrors(IEnumerable<CommandError> errors, bool onlyNewFields) => ModelState.AddErrors(errors, "Input.", besideShapeErrors: !onlyNewFields);

    private async Task LoadSectionsAsync() =>
        ViewData[AgentSectionsView.Key] = new AgentSectionsView(await profiles.OptionsAsync(AccountId, HttpContext.RequestAborted), GroupsApply: true, PictureUrl: null)
        {
            RoutingApplies = true,
        };
}
