using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AccountAdmin.Core.Data;

/// <summary>
/// Hand-written SQL for the few hottest reads, on the context's own connection. Parameters take EF's type
/// mappings, so a Guid or a date is bound exactly as EF stores it on either engine.
/// </summary>
internal static class SqlCommands
{
    public static DbCommand Create(AccountAdminDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    public static void Add<T>(this DbCommand command, AccountAdminDbContext db, string name, T value)
    {
        var mapping = db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(T))
            ?? throw new InvalidOperationException($"No mapping for {typeof(T)}.");
        command.Parameters.Add(mapping.CreateParameter(command, name, value));
    }

    public static async Task<List<T>> ReadAsync<T>(
        this DbCommand command, AccountAdminDbContext db, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static DateTime? GetUtcDateTimeOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
