using System.Globalization;
using System.Text;
using AccountAdmin.Core.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// One audit log page as the three logs (account, agency, support) show it: the filters read from the query string,
/// the users the user filter matched, the page of events and the link to the next.
/// </summary>
public sealed class AuditLogView
{
    public const int MaxUsers = 50;

    public required string BasePath { get; init; }

    public string? UserText { get; init; }

    public string? Action { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public IReadOnlyList<AuditUser> Users { get; init; } = [];

    public IReadOnlyList<string> Problems { get; set; } = [];

    public AuditPage Page { get; internal set; } = new([], false);

    public string? NextLink { get; internal set; }

    public bool ShowAccount { get; init; }

    /// <summary>The query string of the filters alone, for the export link and the next page.</summary>
    public string FilterQuery => string.Join('&', new[] { ("user", UserText), ("action", Action), ("from", From), ("to", To) }
        .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    /// <summary>
    /// Reads the filters (and, unless <paramref name="forExport"/>, the page position) from <paramref name="request"/>.
    /// A filter that can't be read is reported and left out, never silently widened into something else.
    /// </summary>
    private static async Task<(AuditLogView View, AuditQuery? Query)> ReadAsync(
        IAuditLog log, UserListCursor cursors, AuditScope scope, Guid scopeKey, string basePath, HttpRequest request, bool forExport,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var q = request.Query;
        var userText = Clean(q["user"], 100);
        var action = Clean(q["action"], 64);
        var from = Clean(q["from"], 10);
        var to = Clean(q["to"], 10);
        if (action is not null && !AuditLog.Actions.Contains(action))
        {
            problems.Add("That action is not one the log records.");
            action = null;
        }

        DateOnly? fromDate = null, toDate = null;
        if (from is not null)
        {
            if (DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                fromDate = parsed;
            }
            else
            {
                problems.Add("Enter the From date as a date, such as 2026-11-01.");
            }
        }

        if (to is not null)
        {
            if (DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                toDate = parsed;
            }
            else
            {
                problems.Add("Enter the To date as a date, such as 2026-11-30.");
            }
        }

        if (fromDate > toDate)
        {
            problems.Add("The From date is after the To date, so no event can match.");
        }

        IReadOnlyList<AuditUser> users = [];
        if (userText is not null)
        {
            users = await log.FindUsersAsync(scope, userText, MaxUsers + 1, cancellationToken);
            if (users.Count == 0)
            {
                problems.Add($"No user matches \"{userText}\".");
            }
            else if (users.Count > MaxUsers)
            {
                problems.Add($"More than {MaxUsers} users match \"{userText}\"; type more of the name or e-mail.");
            }
        }

        var view = new AuditLogView { BasePath = basePath, UserText = userText, Action = action, From = from, To = to, Users = users, Problems = problems, ShowAccount = scope.AccountId is null };
        if (problems.Count > 0)
        {
            return (view, null);
        }

        var query = new AuditQuery(users.Count > 0 ? users.Select(u => u.Id).ToList() : null, action, fromDate, toDate);
        if (!forExport && Clean(q["after"], 2000) is { } after)
        {
            var key = cursors.Decode(after, scopeKey, "audit-" + view.FilterQuery);
            var cut = key?.IndexOf('|') ?? -1;
            if (cut > 0 && DateTime.TryParse(key![..cut], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                && Guid.TryParse(key[(cut + 1)..], out var id))
            {
                query = query with { AfterAt = at, AfterId = id };
            }
            else
            {
                view.Problems = ["That page link is not valid for this log any more, so the log starts again at the newest event."];
            }
        }

        return (view, query);
    }

    /// <summary>The log page <paramref name="request"/> asks for: its filters, and the events when the filters can be read.</summary>
    public static async Task<AuditLogView> LoadAsync(
        IAuditLog log, UserListCursor cursors, AuditScope scope, Guid scopeKey, string basePath, HttpRequest request, CancellationToken cancellationToken)
    {
        var (view, query) = await ReadAsync(log, cursors, scope, scopeKey, basePath, request, forExport: false, cancellationToken);
        return query is null ? view : await view.WithPageAsync(log, cursors, scope, scopeKey, query, cancellationToken);
    }

    /// <summary>Streams every event the filters select as CSV; 400 when the filters can't be read.</summary>
    public static async Task<IActionResult> ExportAsync(
        IAuditLog log, UserListCursor cursors, AuditScope scope, Guid scopeKey, HttpContext http, string fileName)
    {
        var (_, query) = await ReadAsync(log, cursors, scope, scopeKey, "", http.Request, forExport: true, http.RequestAborted);
        if (query is null)
        {
            return new BadRequestResult();
        }

        await using var writer = await CsvDownload.StartAsync(http.Response, fileName);
        await log.WriteCsvAsync(scope, query, writer, http.RequestAborted);
        return new EmptyResult();
    }

    /// <summary>Loads the page the query asks for, with the signed link to the next one.</summary>
    private async Task<AuditLogView> WithPageAsync(IAuditLog log, UserListCursor cursors, AuditScope scope, Guid scopeKey, AuditQuery query, CancellationToken cancellationToken)
    {
        Page = await log.ListAsync(scope, query, cancellationToken);
        if (Page.HasMore)
        {
            var last = Page.Rows[^1];
            var token = cursors.Encode(scopeKey, "audit-" + FilterQuery, $"{last.OccurredAt.ToString("O", CultureInfo.InvariantCulture)}|{last.Id}");
            NextLink = $"{BasePath}?{(FilterQuery.Length > 0 ? FilterQuery + "&" : "")}after={Uri.EscapeDataString(token)}";
        }

        return this;
    }

    private static string? Clean(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, max)];
}

/// <summary>A CSV download: the headers, and a writer that starts with the BOM spreadsheets need to read UTF-8.</summary>
public static class CsvDownload
{
    public static async Task<StreamWriter> StartAsync(HttpResponse response, string fileName)
    {
        var ascii = new string(fileName.Select(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '.' ? c : '_').ToArray());
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ascii, FileNameStar = fileName }.ToString();
        var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync('\uFEFF');
        return writer;
    }
}
