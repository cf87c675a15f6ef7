using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>Counts the database commands EF runs, so that a benchmark can show they don't grow with the data.</summary>
internal sealed class CommandCount : DbCommandInterceptor
{
    private int value;

    public int Value => value;

    public void Reset() => value = 0;

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Interlocked.Increment(ref value);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref value);
        if (Environment.GetEnvironmentVariable("AA_BENCH_SQL") == "1")
        {
            Console.Error.WriteLine($"-- {eventData.Duration.TotalMilliseconds:F1} ms\n{command.CommandText}\n");
        }

        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref value);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref value);
        return ValueTask.FromResult(result);
    }
}
