using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Passkeys;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile.Passkeys;

/// <summary>Removes one of my passkeys, after asking; another user's id is not found.</summary>
public sealed class RemoveModel(IPasskeys passkeys, SignInManager<AppUser> signIn, IRecentSignIn recent) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public PasskeySummary Passkey { get; private set; } = null!;

    public int Count { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        !await FindAsync() ? NotFound() : ImpersonationClaims.From(User) is null && await this.ConfirmFirstAsync(recent) is { } confirm ? confirm : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await FindAsync())
        {
            return NotFound();
        }

        var removed = await passkeys.RemoveAsync(User.GetUserId(), Id!, HttpContext.RequestAborted);
        if (removed.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (RecentSignInPages.AsksToConfirm(removed))
        {
            return this.ConfirmFirst();
        }

        if (!removed.Succeeded)
        {
            ModelState.AddErrors(removed.Errors);
            return Page();
        }

        // Support staff whose last second factor this was are led to set one up again (the cookie's claims are made again).
        await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(User.GetUserId().ToString()))!);
        new StatusMessage(StatusKind.Success, $"Passkey \"{Passkey.Name}\" removed: it no longer signs you in.").Keep(TempData);
        return LocalRedirect("/profile/passkeys");
    }

    private async Task<bool> FindAsync()
    {
        var mine = await passkeys.ListAsync(User.GetUserId(), HttpContext.RequestAborted);
        Count = mine.Count;
        Passkey = mine.FirstOrDefault(p => p.Id == Id)!;
        return Passkey is not null;
    }
}
