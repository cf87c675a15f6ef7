using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Passkeys;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile.Passkeys;

/// <summary>
/// My passkeys, and adding one: the page asks the server for a challenge, the browser makes the passkey (WebAuthn), and
/// the form posts it back with its name; Identity verifies it and Core keeps it.
/// </summary>
public sealed class IndexModel(
    IPasskeys passkeys, SignInManager<AppUser> signIn, IRecentSignIn recent, Microsoft.Extensions.Options.IOptions<IdentityPasskeyOptions> passkeyOptions)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give the passkey a name, such as \"Work laptop\".")]
        [Display(Name = "Name of the passkey")]
        [StringLength(PasskeyRules.MaxNameLength, ErrorMessage = "Give the passkey a name of up to 100 characters.")]
        public string Name { get; set; } = "";

        /// <summary>What the browser made, as WebAuthn's JSON.</summary>
        public string? Credential { get; set; }

        /// <summary>Why the browser made none: "cancelled" or "failed".</summary>
        public string? Error { get; set; }
    }

    public IReadOnlyList<PasskeySummary> Passkeys { get; private set; } = [];

    public bool Impersonating => ImpersonationClaims.From(User) is not null;

    /// <summary>Whether the user has as many passkeys as there can be: the page offers none to add.</summary>
    public bool Full => Passkeys.Count >= PasskeyRules.MaxPerUser;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Impersonating && await this.ConfirmFirstAsync(recent) is { } confirm)
        {
            return confirm;
        }

        return await PageAsync();
    }

    /// <summary>The challenge and settings the browser makes a passkey with; the challenge waits, once, in a cookie.</summary>
    public async Task<IActionResult> OnPostOptionsAsync()
    {
        if (Impersonating || await signIn.UserManager.FindByIdAsync(User.GetUserId().ToString()) is not { } user)
        {
            return Forbid();
        }

        // No passkey is made that the server would then refuse to keep: one too many is refused (and the post says why),
        // and a sign-in that would grow too old while the browser asks for a fingerprint confirms first (409 to the script).
        if (user.PasskeyCount >= PasskeyRules.MaxPerUser)
        {
            return StatusCode(StatusCodes.Status422UnprocessableEntity);
        }

        if (!await recent.IsRecentAsync(HttpContext.RequestAborted, passkeyOptions.Value.AuthenticatorTimeout))
        {
            return StatusCode(StatusCodes.Status409Conflict);
        }

        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = user.Email!,
            DisplayName = user.DisplayName,
        });
        return Content(options, "application/json");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Impersonating && await this.ConfirmFirstAsync(recent) is { } confirm)
        {
            return confirm;
        }

        if (!ModelState.IsValid)
        {
            return await PageAsync();
        }

        // Full: the page says so in place of the form.
        if (await PageAsync() is var page && Full)
        {
            return page;
        }

        if (Input.Error is { Length: > 0 } || Input.Credential is not { Length: > 0 })
        {
            ModelState.AddModelError("Input.Name", Input.Error == "cancelled"
                ? "No passkey was made: the request was cancelled or timed out. Try again when you're ready."
                : PasskeyErrors.NotMade.Message);
            return await PageAsync();
        }

        var attested = await PasskeyCeremonies.AttestAsync(signIn, Input.Credential);
        if (attested is null)
        {
            ModelState.AddModelError("Input.Name", PasskeyErrors.NotMade.Message);
            return await PageAsync();
        }

        var userId = User.GetUserId();
        var added = await passkeys.AddAsync(userId, attested, Input.Name, HttpContext.RequestAborted);
        if (added.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (RecentSignInPages.AsksToConfirm(added))
        {
            return this.ConfirmFirst();
        }

        if (!added.Succeeded)
        {
            ModelState.AddErrors(added.Errors, "Input.");
            return await PageAsync();
        }

        // A passkey is a second factor: support staff who had to set one up may go on (the cookie's claims are made again).
        await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(userId.ToString()))!);
        new StatusMessage(StatusKind.Success, $"Passkey \"{PasskeyRules.Name(Input.Name)}\" added. Next time, choose Sign in with a passkey.").Keep(TempData);
        return LocalRedirect("/profile/passkeys");
    }

    private async Task<PageResult> PageAsync()
    {
        Passkeys = await passkeys.ListAsync(User.GetUserId(), HttpContext.RequestAborted);
        return Page();
    }
}
