using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

/// <summary>A member's profile picture, for anyone with access to the account.</summary>
public sealed class PictureModel(IAccessService access, CurrentAccount current, IUserProfiles profiles) : AccountPageModel(access, current)
{
    [FromRoute]
    public Guid UserId { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(null) is { } refusal)
        {
            return refusal;
        }

        var picture = await profiles.PictureAsync(User.GetUserId(), AccountId, UserId, HttpContext.RequestAborted);
        if (picture is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(picture.Content, picture.ContentType);
    }
}
