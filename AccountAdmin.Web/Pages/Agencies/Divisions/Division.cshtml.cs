using AccountAdmin.Core;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Agencies.Divisions;

/// <summary>
/// A division's page (seed 002): its accounts, users and administrators, each with its two-list editor
/// (<c>?edit=accounts</c>, <c>users</c>, <c>admins</c>), and for Agency Administrators edit and delete.
/// </summary>
public sealed class DivisionModel(IAccessService access, IDivisionService divisions) : AgencyPageModel(access)
{
    public const int Shown = 100;

    private static readonly Dictionary<string, DivisionEditor> Editors = new()
    {
        ["accounts"] = DivisionEditor.Accounts,
        ["users"] = DivisionEditor.Members,
        ["admins"] = DivisionEditor.Administrators,
    };

    [FromRoute]
    public Guid DivisionId { get; set; }

    [FromQuery(Name = "edit")]
    public string? Edit { get; set; }

    [BindProperty]
    public DivisionDetailsInput Details { get; set; } = new();

    [BindProperty]
    public PickerInput Pick { get; set; } = new();

    public DivisionPage Division { get; private set; } = null!;

    public TwoListPicker? Picker { get; private set; }

    public bool AgencyAdministrator => Agency.Has(Permission.ManageDivisions);

    public static string KeyOf(DivisionEditor editor) => Editors.Single(e => e.Value == editor).Key;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        if (Edit is "details" or "delete" && !AgencyAdministrator)
        {
            return Forbid();
        }

        Details = new DivisionDetailsInput { Name = Division.Name, Description = Division.Description };
        if (Edit is { } key && Editors.TryGetValue(key, out var editor))
        {
            if (!MayEdit(editor))
            {
                return Forbid();
            }

            Picker = TwoListPicker.Fresh(editor, await divisions.PickerAsync(Agency, DivisionId, editor, HttpContext.RequestAborted));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await divisions.UpdateAsync(User.GetUserId(), AgencyId, DivisionId, Details.Name, Details.Description, HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Refused)
        {
            return AfterCommand(result, $"The division {Details.Name?.Trim()} was saved.", Here);
        }

        Edit = "details";
        ModelState.AddErrors(result.Errors, $"{nameof(Details)}.");

        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var result = await divisions.DeleteAsync(User.GetUserId(), AgencyId, DivisionId, HttpContext.RequestAborted);
        return AfterCommand(result, $"The division {Division.Name} was deleted. Its accounts and users are still there.", $"/agencies/{AgencyId}/divisions");
    }

    /// <summary>A move between the lists without script: nothing is saved, the page comes back with the lists changed.</summary>
    public async Task<IActionResult> OnPostMoveAsync()
    {
        var (refusal, editor) = await LoadPickerAsync();
        if (refusal is not null)
        {
            return refusal;
        }

        ModelState.Clear();
        var lists = await divisions.PickerAsync(Agency, DivisionId, editor, HttpContext.RequestAborted);
        Picker = TwoListPicker.After(editor, lists, Pick);
        if (Picker is null)
        {
            return await RefusedAsync(DivisionErrors.Unreadable, editor);
        }

        ViewData["Status"] = new StatusMessage(StatusKind.Warning, "Not saved yet: Save Changes when the lists are as you want them.");
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var (refusal, editor) = await LoadPickerAsync();
        if (refusal is not null)
        {
            return refusal;
        }

        if (PickerTokens.Parse(Pick.Assigned) is not { } assigned || PickerTokens.Parse(Pick.Original) is not { } original)
        {
            return await RefusedAsync(DivisionErrors.Unreadable, editor);
        }

        var change = await divisions.SaveAsync(User.GetUserId(), AgencyId, DivisionId, editor, assigned, original, HttpContext.RequestAborted);
        var noun = editor == DivisionEditor.Accounts ? "account" : editor == DivisionEditor.Members ? "user" : "administrator";
        if (change.Result.Status != CommandStatus.Refused)
        {
            return AfterCommand(change.Result, Saved(Division.Name, noun, change), Here);
        }

        return await RefusedAsync(change.Result.Errors[0], editor);
    }

    /// <summary>What a save changed, in words: accounts moved from another division are named with it.</summary>
    internal static string Saved(string division, string noun, DivisionChange change)
    {
        if (change.Added == 0 && change.Removed == 0)
        {
            return "Nothing had changed, so nothing was saved.";
        }

        var moved = change.Moved ?? [];
        var parts = new List<string>();
        if (change.Added - moved.Count > 0)
        {
            parts.Add($"{English.Count(change.Added - moved.Count, noun)} added");
        }

        parts.AddRange(moved.Count <= 3
            ? moved.Select(m => $"{m.Account} moved here from {m.From}")
            : [$"{English.Count(moved.Count, noun)} moved here from other divisions"]);
        if (change.Removed > 0)
        {
            parts.Add($"{English.Count(change.Removed, noun)} taken out of the division" + (change.Added == 0 ? "; nothing else was deleted" : ""));
        }

        return $"{division} saved: {string.Join("; ", parts)}.";
    }

    /// <summary>A refused save: the editor comes back as things are now, with the message at its lists.</summary>
    private async Task<IActionResult> RefusedAsync(CommandError error, DivisionEditor editor)
    {
        ModelState.Clear();
        Picker = TwoListPicker.Fresh(editor, await divisions.PickerAsync(Agency, DivisionId, editor, HttpContext.RequestAborted));

        ModelState.AddModelError($"{nameof(Pick)}.{nameof(PickerInput.Assigned)}", error.Message);
        return Page();
    }

    private string Here => $"/agencies/{AgencyId}/divisions/{DivisionId}";

    private bool MayEdit(DivisionEditor editor) => editor != DivisionEditor.Administrators || AgencyAdministrator;

    /// <summary>The division and the editor a picker posted for: 404, 403, or 400 for an editor no page shows.</summary>
    private async Task<(IActionResult? Refusal, DivisionEditor Editor)> LoadPickerAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return (refusal, default);
        }

        if (!Editors.TryGetValue(Pick.Editor ?? "", out var editor))
        {
            return (BadRequest(), default);
        }

        if (!MayEdit(editor))
        {
            return (Forbid(), editor);
        }

        Edit = Pick.Editor;
        return (null, editor);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await AuthorizeAsync(agency => agency.ManagesAnyDivision) is { } refusal)
        {
            return refusal;
        }

        var division = await divisions.GetAsync(AgencyId, DivisionId, Shown, HttpContext.RequestAborted);
        if (division is null)
        {
            return NotFound();
        }

        if (!Agency.ManagesDivision(DivisionId))
        {
            return Forbid();
        }

        Division = division;
        return null;
    }
}
