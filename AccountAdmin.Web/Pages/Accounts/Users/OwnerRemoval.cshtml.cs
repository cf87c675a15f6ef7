using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

public sealed class OwnerRemovalModel(IAccessService access, CurrentAccount current, IUserDirectory directory, IOwnerRemovals removals)
    : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid UserId { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose the role the user will have instead of Owner.")]
    [Display(Name = "Role after stepping down")]
    public AccountRole? NewRole { get; set; } = AccountRole.Administrator;

    public AccountMember Member { get; private set; } = null!;

    public static IEnumerable<AccountRole> Roles => Enum.GetValues<AccountRole>().Where(r => r != AccountRole.Owner);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await removals.RequestAsync(User.GetUserId(), AccountId, UserId, NewRole!.Value, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Refused)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }

            return Page();
        }

        return AfterCommand(result, $"{Member.Name} has been asked to approve stepping down as Owner. Nothing changes until they do.", $"/accounts/{AccountId}/users");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageOwners) is { } refusal)
        {
            return refusal;
        }

        var member = await directory.FindMemberAsync(AccountId, UserId, HttpContext.RequestAborted);
        if (member is null)
        {
            return NotFound();
        }

        Member = member;
        return null;
    }
}
