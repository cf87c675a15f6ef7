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
public sealed class DivisionModel(IAccessService access, IDivisionService divisions, IDivisionPicker pickers) : AgencyPageModel(access)
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

            Picker = await ShowPickerAsync(editor, PickerPending.None, new PickerInput());
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
        if (Pick.Pending() is not { } pending)
        {
            return await RefusedAsync(DivisionErrors.Unreadable, editor);
        }

        var cancellationToken = HttpContext.RequestAborted;
        switch (Pick.Move)
        {
            case PickerInput.Add:
                pending = pending.With(PickerTokens.Parse(string.Join(',', Pick.Chosen)) ?? []);
                break;
            case PickerInput.AddAll:
                pending = pending.With(await pickers.MatchingAsync(Agency, DivisionId, editor, PickerSide.Eligible, pending, Pick.LeftFilter, cancellationToken));
                break;
            case PickerInput.Remove:
                pending = pending.Without((PickerTokens.Parse(string.Join(',', Pick.Dropped)) ?? []).Select(i => i.Id));
                break;
            case PickerInput.RemoveAll:
                pending = pending.Without((await pickers.MatchingAsync(Agency, DivisionId, editor, PickerSide.Assigned, pending, Pick.RightFilter, cancellationToken)).Select(i => i.Id));
                break;
            case PickerInput.Filter:
                Pick.LeftFrom = null;
                Pick.RightFrom = null;
                break;
        }

        switch ((Pick.Page ?? "").Split(':', 2))
        {
            case ["left", var from]:
                Pick.LeftFrom = from;
                break;
            case ["right", var from]:
                Pick.RightFrom = from;
                break;
        }

        if (pending.Added.Count > DivisionRules.MaxPicked || pending.Removed.Count > DivisionRules.MaxPicked)
        {
            return await RefusedAsync(DivisionErrors.Unreadable, editor);
        }

        Picker = await ShowPickerAsync(editor, pending, Pick);
        if (!pending.IsEmpty)
        {
            ViewData["Status"] = new StatusMessage(StatusKind.Warning, "Not saved yet: Save Changes when the lists are as you want them.");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var (refusal, editor) = await LoadPickerAsync();
        if (refusal is not null)
        {
            return refusal;
        }

        if (Pick.Pending() is not { } pending)
        {
            return await RefusedAsync(DivisionErrors.Unreadable, editor);
        }

        var change = await divisions.SaveAsync(
            User.GetUserId(), AgencyId, DivisionId, editor, pending.Added, pending.Removed.Select(id => new PickedItem(id, null)).ToList(), HttpContext.RequestAborted);
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
        Picker = await ShowPickerAsync(editor, PickerPending.None, new PickerInput());
        ModelState.AddModelError($"{nameof(Pick)}.{nameof(PickerInput.Added)}", error.Message);
        return Page();
    }

    /// <summary>
    /// A page of each list with the pending moves laid over: the page asked for, or the first when nothing is left on it
    /// (everything after its start moved to the other side).
    /// </summary>
    private async Task<TwoListPicker> ShowPickerAsync(DivisionEditor editor, PickerPending pending, PickerInput input)
    {
        async Task<(PickerPage Page, string? From)> SideAsync(PickerSide side, string? filter, string? from)
        {
            var cursor = TwoListPicker.Cursor(from);
            var page = await pickers.PageAsync(Agency, DivisionId, editor, side, pending, filter, cursor, TwoListPicker.PageSize, HttpContext.RequestAborted);
            if (page.Options.Count == 0 && cursor is not null)
            {
                return (await pickers.PageAsync(Agency, DivisionId, editor, side, pending, filter, null, TwoListPicker.PageSize, HttpContext.RequestAborted), null);
            }

            return (page, cursor?.ToString("N"));
        }

        var (left, leftFrom) = await SideAsync(PickerSide.Eligible, input.LeftFilter, input.LeftFrom);
        var (right, rightFrom) = await SideAsync(PickerSide.Assigned, input.RightFilter, input.RightFrom);
        return new TwoListPicker(editor, left, right, pending, Blank(input.LeftFilter), Blank(input.RightFilter), leftFrom, rightFrom);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

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
