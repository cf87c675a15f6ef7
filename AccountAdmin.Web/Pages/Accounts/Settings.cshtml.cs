using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core;
using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AccountAdmin.Web.Pages.Accounts;

/// <summary>Account settings: the name, and for Agency Administrators the division (seed 002).</summary>
public sealed class SettingsModel(IAccessService access, CurrentAccount current, IAgencyAccounts accounts, ITwoFactorRequirements requirements)
    : AccountPageModel(access, current)
{
    [BindProperty]
    [Display(Name = "Account name")]
    public string? Name { get; set; }

    [BindProperty]
    [Display(Name = "Division")]
    public Guid? DivisionId { get; set; }

    /// <summary>The division the form was shown with, so that a move made meanwhile by someone else is noticed.</summary>
    [BindProperty]
    public Guid? DivisionWas { get; set; }

    /// <summary>As posted to the two-factor form; a post without it, or with a value that is none, is refused at the field.</summary>
    [BindProperty]
    public TwoFactorRequirement? TwoFactorRequirement { get; set; }

    public AccountSettingsView Settings { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await accounts.SaveSettingsAsync(
            User.GetUserId(), AccountId, Name, Settings.CanChooseDivision ? DivisionId : DivisionWas, DivisionWas, HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, $"{(string.IsNullOrWhiteSpace(Name) ? Account.Account.AccountName : Name.Trim())}'s settings were saved.", $"/accounts/{AccountId}/settings");
        }

        if (result.Errors.Contains(AccountErrors.MovedMeanwhile))
        {
            ModelState.Clear();
            await LoadAsync();
            Fill();
        }

        // The other form on the page shows what is stored, not what this one posted.
        TwoFactorRequirement = Settings.TwoFactor;
        ModelState.AddErrors(result.Errors);

        return Page();
    }

    /// <summary>Who must sign in with a second factor here; they are led to set one up at their next sign-in.</summary>
    public async Task<IActionResult> OnPostTwoFactorAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = ModelState.GetFieldValidationState(nameof(TwoFactorRequirement)) == ModelValidationState.Invalid || TwoFactorRequirement is not { } chosen
            ? CommandResult.Refused(TwoFactorRequirements.Unknown)
            : await requirements.SetForAccountAsync(User.GetUserId(), AccountId, chosen, HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(
                result, $"Two-factor sign-in is now {TwoFactorRequirements.Describe(TwoFactorRequirement.GetValueOrDefault())} here. It applies at each person's next sign-in.",
                $"/accounts/{AccountId}/settings");
        }

        ModelState.Clear();
        Fill();
        ModelState.AddErrors(result.Errors);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAccountSettings) is { } refusal)
        {
            return refusal;
        }

        Settings = await accounts.SettingsAsync(User.GetUserId(), Account.Account, HttpContext.RequestAborted);
        return null;
    }

    private void Fill()
    {
        Name = Settings.Name;
        DivisionId = Settings.DivisionId;
        DivisionWas = Settings.DivisionId;
        TwoFactorRequirement = Settings.TwoFactor;
    }
}
