using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Sessions;

public sealed class LoginModel(PortalSignIn portal, ISessionService sessions, ISignInSecurity security) : PageModel
{
    public const string InvalidMessage = "The sign-in name or password is not right.";
    public const string LockedMessage =
        "Too many failed attempts: signing in with this name is locked for a few minutes. Try again later, or ask an administrator to set a new password.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address or username.")]
        [Display(Name = "E-mail or username")]
        [StringLength(256)]
        public string SignInName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [StringLength(512)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var attempt = await security.AttemptAsync(
            Input.SignInName, Input.Password, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        if (attempt.User is { } user)
        {
            return LocalRedirect(await portal.AfterPasswordAsync(user, Input.SignInName, Input.RememberMe, ReturnUrl is { Length: > 0 } ? SafeReturnUrl : null));
        }

        var named = await sessions.FindBySignInNameAsync(Input.SignInName, HttpContext.RequestAborted);
        await sessions.RecordFailedSignInAsync(named?.Id, Input.SignInName, attempt.LockedOut, HttpContext.RequestAborted);
        ModelState.AddModelError("", attempt.LockedOut ? LockedMessage : InvalidMessage);
        return Page();
    }

    private string SafeReturnUrl => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";
}
