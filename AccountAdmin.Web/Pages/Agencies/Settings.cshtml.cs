using AccountAdmin.Core;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AccountAdmin.Web.Pages.Agencies;

/// <summary>Agency settings, for Agency Administrators: who must sign in with a second factor across the agency.</summary>
public sealed class SettingsModel(IAccessService access, ITwoFactorRequirements requirements) : AgencyPageModel(access)
{
    /// <summary>As posted to the two-factor form; a post without it, or with a value that is none, is refused at the field.</summary>
    [BindProperty]
    public TwoFactorRequirement? TwoFactorRequirement { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAgencyRoles) is { } refusal)
        {
            return refusal;
        }

        TwoFactorRequirement = await requirements.OfAgencyAsync(AgencyId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await AuthorizeAsync(Permission.ManageAgencyRoles) is { } refusal)
        {
            return refusal;
        }

        var result = ModelState.GetFieldValidationState(nameof(TwoFactorRequirement)) == ModelValidationState.Invalid || TwoFactorRequirement is not { } chosen
            ? CommandResult.Refused(TwoFactorRequirements.Unknown)
            : await requirements.SetForAgencyAsync(User.GetUserId(), AgencyId, chosen, HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(
                result, $"Two-factor sign-in is now {TwoFactorRequirements.Describe(TwoFactorRequirement.GetValueOrDefault())} across {Agency.AgencyName}. It applies at each person's next sign-in.",
                $"/agencies/{AgencyId}/settings");
        }

        ModelState.Clear();
        TwoFactorRequirement = await requirements.OfAgencyAsync(AgencyId, HttpContext.RequestAborted);
        ModelState.AddErrors(result.Errors);
        return Page();
    }
}
