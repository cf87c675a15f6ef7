using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using AccountAdmin.Core;
using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts.Users;

// A file of any size up to PostedForms.MaxUploadBytes reaches the page, which refuses one over BulkLines.MaxFileBytes.
[RequestFormLimits(ValueLengthLimit = MaxLinesLength)]
public sealed class BulkModel(
    IAccessService access, CurrentAccount current, IUserCreation creation, IBulkAdd bulk, BulkProgressBoard board, IUserProfiles profiles)
    : AccountPageModel(access, current)
{
    /// <summary>Room for the lines of a file at its limit, pasted back into the box.</summary>
    public const int MaxLinesLength = 3 * BulkLines.MaxFileBytes;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>A batch whose rejected lines are brought back to be corrected.</summary>
    [FromQuery(Name = "from")]
    public Guid? From { get; set; }

    /// <summary>Which page of a long preview's other lines is shown (from 0): the lines are sent again to see it.</summary>
    [FromQuery(Name = "page")]
    public int PreviewPage { get; set; }

    /// <summary>A preview longer than this shows its lines that can't be added first, then the others a page at a time.</summary>
    public const int PreviewPageSize = 200;

    public IReadOnlyList<AccountRole> Roles { get; private set; } = [];

    public BulkPreview? Preview { get; private set; }

    /// <summary>The account's groups and routing methods, to place the whole batch in.</summary>
    public AccountAdmin.Core.Placements.AccountOptions Options { get; private set; } = new([], [], []);

    public sealed class InputModel
    {
        [DataType(DataType.MultilineText)]
        public string? Lines { get; set; }

        public IFormFile? File { get; set; }

        public AccountRole? Role { get; set; }

        /// <summary>At most one group for the whole batch (a list, as Core names the field).</summary>
        public List<Guid> GroupIds { get; set; } = [];

        public List<Guid> RoutingIds { get; set; } = [];

        /// <summary>"now": invitations go with the batch; "later": from the batch's summary.</summary>
        public string Invitations { get; set; } = "now";

        public Guid BatchId { get; set; }

        /// <summary>What was previewed, so that lines changed afterwards are previewed again before they are applied.</summary>
        public string? Previewed { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        Roles = creation.GrantableRoles(Account.Access);
        Options = await profiles.OptionsAsync(AccountId, HttpContext.RequestAborted);
        Input.Role = UserCreation.SuggestedRole(Roles);
        if (From is { } importId && await bulk.SummaryAsync(User.GetUserId(), AccountId, importId, 0, HttpContext.RequestAborted) is { } earlier)
        {
            Input.Lines = string.Join('\n', earlier.Rejected.Select(r => r.Text));
            Input.Role = Roles.Contains(earlier.Import.Role) ? earlier.Import.Role : Input.Role;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        return await PreviewAsync();
    }

    public async Task<IActionResult> OnPostApplyAsync()
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        if (Input.BatchId == Guid.Empty || Input.File is { Length: > 0 } || Input.Previewed != Fingerprint(Input))
        {
            ViewData["Status"] = new StatusMessage(StatusKind.Warning, "The lines, the role or where they are placed changed after the preview. Check this preview, then add the users.");
            return await PreviewAsync();
        }

        var userId = User.GetUserId();
        var request = new BulkRequest(
            Input.BatchId, Input.Lines, Input.Role ?? AccountRole.CallAgent, Input.Invitations != "later", Input.GroupIds.FirstOrDefault() is { } g && g != Guid.Empty ? g : null,
            Input.RoutingIds);
        BulkApplied applied;
        try
        {
            applied = await bulk.ApplyAsync(userId, AccountId, request, board.Track(Input.BatchId, userId), HttpContext.RequestAborted);
        }
        finally
        {
            board.Finish(Input.BatchId);
        }

        switch (applied.Result.Status)
        {
            case CommandStatus.Done:
                return LocalRedirect($"/accounts/{AccountId}/users/bulk/{applied.ImportId}");
            case CommandStatus.Refused:
                var errors = applied.Result.Errors;
                await PreviewAsync();
                // The preview may already say the same at the field; say it once.
                AddErrors(errors.Where(e => ModelState[Key(e)] is not { Errors.Count: > 0 }));
                return Page();
            default:
                return AfterCommand(applied.Result, "", "");
        }
    }

    /// <summary>How far this user's batch has got, while its Apply is running.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid batch)
    {
        if (await AuthorizeAsync(Permission.ManageUsers) is { } refusal)
        {
            return refusal;
        }

        return board.Get(batch, User.GetUserId()) is { } progress ? new JsonResult(new { progress.Done, progress.Total, progress.Saving }) : NotFound();
    }

    private async Task<IActionResult> PreviewAsync()
    {
        Roles = creation.GrantableRoles(Account.Access);
        Options = await profiles.OptionsAsync(AccountId, HttpContext.RequestAborted);
        if (Input.File is { Length: > 0 } file)
        {
            if (file.Length > BulkLines.MaxFileBytes)
            {
                ModelState.AddModelError("Input.File", BulkAddErrors.TooLarge(file.Length).Message);
                return Page();
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            var (text, error) = BulkLines.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            if (error is not null)
            {
                ModelState.AddModelError("Input.File", error.Message);
                return Page();
            }

            // The file's lines go into the box, to be corrected there and previewed again.
            Input.Lines = text;
            ModelState.Remove("Input.Lines");
        }

        if (Input.Role is null)
        {
            ModelState.AddModelError("Input.Role", "Choose the role for these users.");
            return Page();
        }

        Preview = await bulk.PreviewAsync(User.GetUserId(), AccountId, Input.Lines, Input.Role.Value, HttpContext.RequestAborted);
        AddErrors(Preview.Result.Errors);
        Input.BatchId = Guid.NewGuid();
        Input.Previewed = Fingerprint(Input);
        ModelState.Remove("Input.BatchId");
        ModelState.Remove("Input.Previewed");
        return Page();
    }

    /// <summary>Whether the preview is long enough to be shown in parts.</summary>
    public bool PreviewIsLong => Preview is { } preview && preview.Lines.Count > PreviewPageSize;

    /// <summary>Of a long preview: the first of its lines that can't be added, which need attention before the rest.</summary>
    public IReadOnlyList<BulkPreviewLine> Attention =>
        Preview!.Lines.Where(l => l.Outcome == BulkOutcome.Invalid).Take(PreviewPageSize).ToList();

    /// <summary>Of a long preview: its other lines (those that can be added, or are members already).</summary>
    public IReadOnlyList<BulkPreviewLine> Others => others ??= Preview!.Lines.Where(l => l.Outcome != BulkOutcome.Invalid).ToList();

    private List<BulkPreviewLine>? others;

    /// <summary>The page of <see cref="Others"/> shown: within bounds whatever the address asked.</summary>
    public int ShownPage => Math.Clamp(PreviewPage, 0, Math.Max(0, (Others.Count - 1) / PreviewPageSize));

    private void AddErrors(IEnumerable<CommandError> errors) => ModelState.AddErrors(errors, "Input.");

    private static string Key(CommandError error) => error.Field.Length == 0 ? "" : $"Input.{error.Field}";

    private static string Fingerprint(InputModel input) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{input.Role}\n{input.Invitations}\n{string.Join(',', input.GroupIds)}\n{string.Join(',', input.RoutingIds.Order())}\n{input.Lines?.ReplaceLineEndings("\n")}")));
}

/// <summary>One table of a Bulk Add preview: its id, the region's label, the caption, and its lines.</summary>
public sealed record BulkPreviewTable(string Id, string Label, string Caption, IReadOnlyList<BulkPreviewLine> Lines);
