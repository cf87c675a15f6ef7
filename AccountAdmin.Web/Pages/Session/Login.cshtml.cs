using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Session;

public sealed class LoginModel(
    SignInManager<AppUser> signIn, ISessionService sessions, IPasswordHasher<AppUser> hasher, IUserProfiles profiles) : PageModel
{
    public const string InvalidMessage = "The sign-in name or password is not right.";

    // A hash to check against when there is no such user, so that a refusal takes as long either way.
    private static string? decoy;

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

        var user = await sessions.FindBySignInNameAsync(Input.SignInName, HttpContext.RequestAborted);
        if (user is null || user.ArchivedAt is not null || user.PasswordHash is null)
        {
            var stranger = new AppUser();
            decoy ??= hasher.HashPassword(stranger, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(stranger, decoy, Input.Password);
            await sessions.RecordFailedSignInAsync(user?.Id, Input.SignInName, lockedOut: false, HttpContext.RequestAborted);
            ModelState.AddModelError("", InvalidMessage);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await sessions.RecordSignInAsync(user.Id, HttpContext.RequestAborted);

            // No page asked for: the user's own landing page (seed 004).
            return LocalRedirect(ReturnUrl is { Length: > 0 } && SafeReturnUrl != "/"
                ? SafeReturnUrl
                : await profiles.LandingUrlAsync(user.Id, HttpContext.RequestAborted));
        }

        await sessions.RecordFailedSignInAsync(user.Id, Input.SignInName, result.IsLockedOut, HttpContext.RequestAborted);
        ModelState.AddModelError("", result.IsLockedOut
            ? "Too many failed attempts: this sign-in is locked for 15 minutes. Try again later or ask an administrator."
            : InvalidMessage);
        return Page();
    }

    private string SafeReturnUrl => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";
}
