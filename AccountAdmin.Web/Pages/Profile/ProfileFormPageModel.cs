using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>
/// The page one form of /profile posts to. A save goes back to /profile with a message; a refusal shows /profile again
/// from here: this form as it was typed, each error at its field, the other forms as saved.
/// </summary>
public abstract class ProfileFormPageModel(ProfileScreenLoader loader) : PageModel
{
    public ProfileScreen Screen { get; private set; } = null!;

    protected abstract ProfileForm Form { get; }

    /// <summary>Puts this form, as it was posted, on the screen.</summary>
    protected abstract void KeepPosted(ProfileScreen screen);

    // FormValueGuard hands a posted form it refuses to this handler, to be shown with its messages; a plain GET of
    // this address (a reload, a bookmark) goes to /profile.
    public async Task<IActionResult> OnGetAsync() =>
        HttpMethods.IsPost(Request.Method) ? await ShowAsync() : LocalRedirect("/profile");

    protected async Task<IActionResult> ShowAsync()
    {
        Screen = await loader.LoadAsync(User.GetUserId(), HttpContext.RequestAborted);
        Screen.Posted = Form;
        KeepPosted(Screen);
        return Page();
    }

    protected IActionResult Saved(string message)
    {
        new StatusMessage(StatusKind.Success, message).Keep(TempData);
        return LocalRedirect("/profile");
    }
}
