using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AccountAdmin.Web.Pages.Sessions;

public sealed class ResetPasswordModel(IPasswordResets resets, IOptions<IdentityOptions> identity) : PageModel
{
    [FromRoute]
    public string Token { get; set; } = "";

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public AppUser? For { get; private set; }

    public int MinimumLength => identity.Value.Password.RequiredLength;

    public async Task OnGetAsync() => For = await resets.FindAsync(Token, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        For = await resets.FindAsync(Token, HttpContext.RequestAborted);
        if (For is null || !ModelState.IsValid)
        {
            return Page();
        }

        var result = await resets.ResetAsync(Token, Input.Password, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, "Input.");
            For = await resets.FindAsync(Token, HttpContext.RequestAborted);
            return Page();
        }

        new StatusMessage(StatusKind.Success, "Your password is reset, and every browser signed in as you was signed out. Sign in with the new password.")
            .Keep(TempData);
        return LocalRedirect("/login");
    }
}
