namespace AccountAdmin.Core.BulkAdd;

/// <summary>Why Bulk Add refused a batch or its file (seed 005): one code and message for each rule.</summary>
public static class BulkAddErrors
{
    public static readonly CommandError Empty = new("Empty", "Paste at least one line: e-mail, first name, last name.", BulkLines.Field);
    public static readonly CommandError EmptyFile = new("EmptyFile", "The file is empty. Choose a CSV file with one user per line.", BulkLines.FileField);
    public static readonly CommandError Workbook = new(
        "Workbook", "This is a spreadsheet workbook, not a CSV file. In your spreadsheet, choose Save As, CSV (UTF-8), and upload that file.", BulkLines.FileField);
    public static readonly CommandError NotText = new(
        "NotText", "This file isn't a text or CSV file. Save your list as CSV (UTF-8) and upload that file.", BulkLines.FileField);
    public static readonly CommandError NothingToAdd = new("NothingToAdd", "None of these lines can be added. Correct them and preview again.", BulkLines.Field);
    public static readonly CommandError BatchUsed = new("BatchUsed", "This preview belongs to another batch. Preview the lines again.", BulkLines.Field);
    public static readonly CommandError InvitationsAlreadySent = new("InvitationsAlreadySent", "This batch's invitations have already been sent.");

    public static CommandError TooMany(int count) => new(
        "TooMany", $"A batch holds at most {BulkLines.MaxLines:N0} users and this one has {count:N0} lines. Split it into smaller batches.", BulkLines.Field);

    public static CommandError TooLarge(long bytes) => new(
        "TooLarge",
        $"The file is {bytes / 1024.0 / 1024.0:0.#} MB; the limit is {BulkLines.MaxFileBytes / 1024 / 1024} MB. Split it into smaller files.",
        BulkLines.FileField);
}
