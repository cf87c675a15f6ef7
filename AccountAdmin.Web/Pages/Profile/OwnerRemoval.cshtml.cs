using AccountAdmin.Core;
using AccountAdmin.Core.Owners;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>My answer to a request to remove me as Owner (seed 003), given on /profile.</summary>
public sealed class OwnerRemovalModel(IOwnerRemovals removals) : PageModel
{
    [FromRoute]
    public Guid RequestId { get; set; }

    public Task<IActionResult> OnPostApproveAsync() => DecideAsync(approve: true);

    public Task<IActionResult> OnPostDeclineAsync() => DecideAsync(approve: false);

    private async Task<IActionResult> DecideAsync(bool approve)
    {
        var result = await removals.DecideAsync(User.GetUserId(), RequestId, approve, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        new StatusMessage(
            result.Succeeded ? StatusKind.Success : StatusKind.Error,
            result.Succeeded
                ? approve ? "You are no longer an Owner there. The other Owners have been told." : "You declined; you remain an Owner."
                : string.Join(" ", result.Errors.Select(e => e.Message))).Keep(TempData);
        return LocalRedirect("/profile");
    }
}
