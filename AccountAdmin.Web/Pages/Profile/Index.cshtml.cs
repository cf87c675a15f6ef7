using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile;

public sealed class IndexModel(IAccountDirectory accounts, IOwnerRemovals removals, IPasswordService passwords, SignInManager<AppUser> signIn)
    : PageModel
{
    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    public GrantSummary Grants { get; private set; } = new([], [], []);

    public IReadOnlyList<PendingOwnerRemoval> Pending { get; private set; } = [];

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        [StringLength(512)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var userId = User.GetUserId();
        var result = await passwords.ChangeAsync(userId, Password.CurrentPassword, Password.NewPassword, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError($"{nameof(Password)}.{error.Field}", error.Message);
            }

            await LoadAsync();
            return Page();
        }

        // The password change rotated the security stamp: this session gets a fresh cookie, every other one ends.
        await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(userId.ToString()))!);
        new StatusMessage(StatusKind.Success, "Your password is changed. Other devices have been signed out.").Keep(TempData);
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid requestId) => DecideAsync(requestId, approve: true);

    public Task<IActionResult> OnPostDeclineAsync(Guid requestId) => DecideAsync(requestId, approve: false);

    private async Task<IActionResult> DecideAsync(Guid requestId, bool approve)
    {
        var result = await removals.DecideAsync(User.GetUserId(), requestId, approve, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        new StatusMessage(
            result.Succeeded ? StatusKind.Success : StatusKind.Error,
            result.Succeeded
                ? approve ? "You are no longer an Owner there. The other Owners have been told." : "You declined; you remain an Owner."
                : string.Join(" ", result.Errors.Select(e => e.Message))).Keep(TempData);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var userId = User.GetUserId();
        Grants = await accounts.DescribeGrantsAsync(userId, HttpContext.RequestAborted);
        Pending = await removals.PendingForAsync(userId, HttpContext.RequestAborted);
    }
}
