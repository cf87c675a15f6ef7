using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Passkeys;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile.Passkeys;

/// <summary>Renames one of my passkeys; another user's id is not found.</summary>
public sealed class RenameModel(IPasskeys passkeys) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Give the passkey a name, such as \"Work laptop\".")]
    [Display(Name = "New name")]
    [StringLength(PasskeyRules.MaxNameLength, ErrorMessage = "Give the passkey a name of up to 100 characters.")]
    public string Name { get; set; } = "";

    public PasskeySummary Passkey { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await FindAsync() is not { } passkey)
        {
            return NotFound();
        }

        Passkey = passkey;
        Name = passkey.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await FindAsync() is not { } passkey)
        {
            return NotFound();
        }

        Passkey = passkey;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var renamed = await passkeys.RenameAsync(User.GetUserId(), Id!, Name, HttpContext.RequestAborted);
        if (renamed.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (!renamed.Succeeded)
        {
            ModelState.AddErrors(renamed.Errors);
            return Page();
        }

        new StatusMessage(StatusKind.Success, $"The passkey is now called \"{PasskeyRules.Name(Name)}\".").Keep(TempData);
        return LocalRedirect("/profile/passkeys");
    }

    private async Task<PasskeySummary?> FindAsync() =>
        (await passkeys.ListAsync(User.GetUserId(), HttpContext.RequestAborted)).FirstOrDefault(p => p.Id == Id);
}
