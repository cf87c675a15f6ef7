using AccountAdmin.Core;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>
/// The page one form of the user page posts to. A save goes back to the user page with a message; a refusal shows the
/// user page again from here: this form as it was typed, each error at its field, the other forms as saved.
/// </summary>
public abstract class UserFormPageModel(IAccessService access, CurrentAccount current, UserScreenLoader loader)
    : UserPageModel(access, current, loader)
{
    protected abstract UserForm Form { get; }

    /// <summary>The form's own errors are keyed by its input's name and a dot, such as <c>Roles.</c>.</summary>
    protected abstract string FieldPrefix { get; }

    /// <summary>Puts this form, as it was posted, on the screen.</summary>
    protected abstract void KeepPosted(UserScreen screen);

    // FormValueGuard hands a posted form it refuses to this handler, to be shown with its messages; a plain GET of
    // this address (a reload, a bookmark) goes to the user page.
    public async Task<IActionResult> OnGetAsync() =>
        HttpMethods.IsPost(Request.Method) ? await LoadAsync() ?? Show() : LocalRedirect(UserUrl);

    protected IActionResult Show()
    {
        Screen.Posted = Form;
        KeepPosted(Screen);
        return Page();
    }

    protected async Task<IActionResult> AfterSaveAsync(CommandResult result, string success)
    {
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, success, UserUrl);
        }

        if (RecentSignInPages.AsksToConfirm(result))
        {
            // Changing one's own password, e-mail or username: confirm it's you, then back to this user's page.
            return LocalRedirect(AccountAdmin.Web.Pages.Profile.ConfirmModel.For(UserUrl));
        }

        if (result.Errors.Any(e => e.Code == UserErrors.StaleEdit.Code))
        {
            // Show what the other administrator saved, rather than what this one typed over it.
            ModelState.Clear();
            if (await LoadAsync() is { } refusal)
            {
                return refusal;
            }

            ModelState.AddErrors(result.Errors, FieldPrefix);
            Screen.Posted = Form;
            return Page();
        }

        ModelState.AddErrors(result.Errors, FieldPrefix);
        return Show();
    }
}
