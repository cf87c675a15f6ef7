using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Agencies.Accounts;

public sealed class NewModel(IAccessService access, IAgencyAccounts accounts) : AgencyPageModel(access)
{
    [BindProperty]
    [Display(Name = "Account name")]
    public string? Name { get; set; }

    [BindProperty]
    [Display(Name = "Division")]
    public Guid? DivisionId { get; set; }

    public NewAccountChoices Choices { get; private set; } = new([], false);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var (result, accountId) = await accounts.CreateAsync(User.GetUserId(), AgencyId, Name, DivisionId, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            var division = Choices.Divisions.FirstOrDefault(d => d.Id == DivisionId) ?? Choices.Automatic;
            new StatusMessage(StatusKind.Success, division is null
                ? $"The account {Name!.Trim()} was created."
                : $"The account {Name!.Trim()} was created in the division {division.Name}.").Keep(TempData);
            return LocalRedirect($"/accounts/{accountId}");
        }

        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        if (result.Status == CommandStatus.Forbidden)
        {
            return Forbid();
        }

        ModelState.AddErrors(result.Errors);

        return Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.CreateAccounts) is { } refusal)
        {
            return refusal;
        }

        Choices = await accounts.ChoicesAsync(Agency, HttpContext.RequestAborted);
        return null;
    }
}
