using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>Signs out every browser of mine but this one, from /profile.</summary>
public sealed class EndOtherSessionsModel(ISessionManagement sessions) : PageModel
{
    public async Task<IActionResult> OnPostAsync() =>
        this.Answer(
            await sessions.EndOthersAsync(User.GetUserId(), HttpContext.RequestAborted),
            "Every other browser signed in as you is signed out; this one stays.",
            "/profile");
}
