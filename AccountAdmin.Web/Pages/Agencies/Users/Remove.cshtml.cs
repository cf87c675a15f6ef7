using AccountAdmin.Core;
using AccountAdmin.Core.Agencies;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Agencies.Users;

public sealed class RemoveModel(IAccessService access, IAgencyUsers users) : AgencyPageModel(access)
{
    [FromRoute]
    public Guid UserId { get; set; }

    public AgencyUserRow Target { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await users.RemoveAgencyAdministratorAsync(User.GetUserId(), AgencyId, UserId, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return Forbid();
            case CommandStatus.Refused:
                ModelState.AddErrors(result.Errors);

                return Page();
            default:
                new StatusMessage(StatusKind.Success, $"{Target.Name} was removed from all of {Agency.AgencyName}'s accounts and has been e-mailed.").Keep(TempData);
                return LocalRedirect($"/agencies/{AgencyId}/users");
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAgencyUsers) is { } refusal)
        {
            return refusal;
        }

        var target = await users.FindRoleHolderAsync(AgencyId, UserId, HttpContext.RequestAborted);
        if (target is null || !target.AgencyRoles.Contains(AccountAdmin.Core.Model.AgencyRole.AgencyAdministrator))
        {
            return NotFound();
        }

        Target = target;
        return null;
    }
}
