using System.Globalization;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;

namespace AccountAdmin.Core.Users;

public interface IUserExport
{
    /// <summary>
    /// Writes every user of Manage Users that <paramref name="filter"/> selects, in its order, as CSV: paged through the
    /// list's own keyset, so memory stays flat whatever the account's size. The first three columns are those Bulk Add reads.
    /// </summary>
    Task WriteCsvAsync(AccountScope account, UserListQuery filter, TextWriter writer, CancellationToken cancellationToken = default);
}

public sealed class UserExport(IUserDirectory directory, AccountAdminDbContext db, AuditTrail audit) : IUserExport
{
    private const int PageSize = 1_000;

    public static readonly IReadOnlyList<string> Columns =
        ["Email", "First name", "Last name", "Nickname", "Role", "Access from", "Status", "Last sign-in (UTC)", "API ID"];

    public async Task WriteCsvAsync(AccountScope account, UserListQuery filter, TextWriter writer, CancellationToken cancellationToken = default)
    {
        // Who took a copy of the account's users, and which ones: recorded before the first row leaves.
        audit.Record(AuditActions.UsersExported, account.AgencyId, account.AccountId, details:
            $"Search {filter.Search ?? "none"}, role {filter.Role?.Display() ?? "any"}, status {filter.Status?.ToString() ?? "any"}");
        await db.SaveChangesAsync(cancellationToken);

        await writer.WriteAsync(Csv.Line(Columns));
        var query = filter with { After = null, Before = null, PageSize = PageSize };
        while (true)
        {
            var page = await directory.ListAsync(account, query, cancellationToken);
            foreach (var row in page.Rows)
            {
                await writer.WriteAsync(Csv.Line(
                [
                    row.Email, row.FirstName, row.LastName, row.Nickname ?? "", row.Role.Display(),
                    string.Join("; ", row.Sources.Select(s => s.Describe())), row.Status.ToString(),
                    row.LastSignInAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", row.UserId.ToString(),
                ]));
            }

            if (page.NextAfter is null)
            {
                return;
            }

            query = query with { After = page.NextAfter };
        }
    }
}
