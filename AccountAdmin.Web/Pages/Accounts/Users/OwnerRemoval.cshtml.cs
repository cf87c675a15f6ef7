using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

public sealed class OwnerRemovalModel(IAccessService access, CurrentAccount current, IUserDirectory directory, IOwnerRemovals removals)
    : MemberPageModel(access, current, directory)
{
    [BindProperty]
    [Required(ErrorMessage = "Choose the role the user will have instead of Owner.")]
    [Display(Name = "Role after stepping down")]
    public AccountRole? NewRole { get; set; } = AccountRole.Administrator;

    public static IEnumerable<AccountRole> Roles => Enum.GetValues<AccountRole>().Where(r => r != AccountRole.Owner);

    public async Task<IActionResult> OnGetAsync() => await LoadMemberAsync(Permission.ManageOwners) ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadMemberAsync(Permission.ManageOwners) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await removals.RequestAsync(User.GetUserId(), AccountId, UserId, NewRole!.Value, HttpContext.RequestAborted);
        return Outcome(result, $"{Member.Name} has been asked to approve stepping down as Owner. Nothing changes until they do.", $"/accounts/{AccountId}/users");
    }
}
