using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Data;

internal static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed only when it succeeds. Identity's stores save as they
    /// go; inside this, their saves and ours land together or not at all.
    /// </summary>
    public static async Task<T> AtomicallyAsync<T>(
        this AccountAdminDbContext db, Func<Task<T>> work, Func<T, bool> succeeded, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        if (succeeded(result))
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            db.ChangeTracker.Clear();
        }

        return result;
    }

    public static Task<CommandResult> AtomicallyAsync(this AccountAdminDbContext db, Func<Task<CommandResult>> work, CancellationToken cancellationToken) =>
        db.AtomicallyAsync(work, r => r.Succeeded, cancellationToken);

    /// <summary>
    /// Runs a change in one transaction that saves only over the state it read: of several at once, one wins and the
    /// others are refused with <paramref name="lost"/>, without their audit events or e-mails.
    /// </summary>
    public static async Task<CommandResult> OnceAsync(
        this AccountAdminDbContext db, Func<Task<CommandResult>> change, CommandError lost, CancellationToken cancellationToken)
    {
        try
        {
            return await db.AtomicallyAsync(change, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(lost);
        }
    }

    /// <summary>
    /// Holds the account's row until the transaction ends, so that changes to its Owners are made one after another and
    /// each sees the last: two Owners stepping down at once can't leave the account with none.
    /// </summary>
    public static Task LockAccountAsync(this AccountAdminDbContext db, Guid accountId, CancellationToken cancellationToken) =>
        db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, a => a.Name), cancellationToken);

    /// <summary>Whether saving failed on a unique index: another request made the same row first.</summary>
    public static bool IsUniqueViolation(this Exception exception) =>
        (exception is DbUpdateException ? exception.InnerException : exception) switch
        {
            Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 2067,
            _ => false,
        };
}
