using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccountAdmin.Core.Data;

/// <summary>
/// Maps the SQLite file into each connection's memory (PRAGMA mmap_size), once per connection the pool makes. A read of
/// a page is then a memory access where it was a system call copying from the operating system's cache into the
/// connection's own 2 MB cache, which a search reading rows scattered over a big file missed almost every time. The
/// mapped pages are that same operating-system cache, shared by every connection and reclaimable, not the process's
/// own memory.
/// </summary>
internal sealed class SqliteMemoryMap(long bytes) : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<object, object> Mapped = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Map(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Map(connection);
        return Task.CompletedTask;
    }

    private void Map(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Mapped.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA mmap_size = {bytes};";
        command.ExecuteNonQuery();
        Mapped.AddOrUpdate(handle, handle);
    }
}
