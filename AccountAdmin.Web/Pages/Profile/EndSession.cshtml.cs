using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>Ends one of my other signed-in browsers, from /profile: its next request is refused.</summary>
public sealed class EndSessionModel(ISessionManagement sessions) : PageModel
{
    [FromRoute]
    public Guid SessionId { get; set; }

    public async Task<IActionResult> OnPostAsync() =>
        this.Answer(
            await sessions.EndAsync(User.GetUserId(), SessionId, HttpContext.RequestAborted),
            "That browser is signed out: its next click goes to the sign-in page.",
            "/profile");
}
