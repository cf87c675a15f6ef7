using AccountAdmin.Core;
using AccountAdmin.Core.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>The pages that add or remove a second factor send a sign-in older than Core allows to "Confirm it's you" first.</summary>
public static class RecentSignInPages
{
    /// <summary>Null when the sign-in is recent enough; else the way to confirm it, coming back to this page.</summary>
    public static async Task<IActionResult?> ConfirmFirstAsync(this PageModel page, IRecentSignIn recent) =>
        await recent.IsRecentAsync(page.HttpContext.RequestAborted) ? null : page.ConfirmFirst();

    /// <summary>Whether Core refused a change because the sign-in is too old.</summary>
    public static bool AsksToConfirm(CommandResult result) => result.Errors.Contains(SessionErrors.ConfirmFirst);

    public static IActionResult ConfirmFirst(this PageModel page) =>
        page.LocalRedirect(Pages.Profile.ConfirmModel.For(page.Request.Path + page.Request.QueryString));
}
