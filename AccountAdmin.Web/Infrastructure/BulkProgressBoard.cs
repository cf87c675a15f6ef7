using System.Collections.Concurrent;
using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// How far each running Bulk Add has got, for the page that submitted it to show while it waits. Only the user who
/// submitted a batch can read its progress; finished batches leave the board. On PostgreSQL, where several instances
/// may serve one browser, the board is also kept in the database (written on a connection of its own, outside the
/// batch's transaction), so that whichever instance the browser asks can answer. SQLite is one instance's.
/// </summary>
public sealed class BulkProgressBoard(IServiceScopeFactory scopes, DatabaseOptions database, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, (Guid UserId, BulkProgress Progress)> running = new();

    private bool Shared => database.Provider == DatabaseProvider.PostgreSql;

    public IProgress<BulkProgress> Track(Guid batchId, Guid userId)
    {
        running[batchId] = (userId, new BulkProgress(0, 0));
        Write(db =>
        {
            db.BulkImportProgress.Add(new BulkImportProgress(batchId, userId, clock.GetUtcNow().UtcDateTime));
            db.SaveChanges();
        });
        return new Reporter(this, batchId, userId);
    }

    public void Finish(Guid batchId)
    {
        running.TryRemove(batchId, out _);
        Write(db => db.BulkImportProgress.Where(p => p.BatchId == batchId).ExecuteDelete());
    }

    public BulkProgress? Get(Guid batchId, Guid userId)
    {
        if (running.TryGetValue(batchId, out var entry))
        {
            return entry.UserId == userId ? entry.Progress : null;
        }

        if (!Shared)
        {
            return null;
        }

        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>().BulkImportProgress.AsNoTracking()
            .Where(p => p.BatchId == batchId && p.UserId == userId)
            .Select(p => new BulkProgress(p.Done, p.Total, p.Saving))
            .FirstOrDefault();
    }

    private void Report(Guid batchId, Guid userId, BulkProgress value)
    {
        running[batchId] = (userId, value);
        var now = clock.GetUtcNow().UtcDateTime;
        Write(db => db.BulkImportProgress.Where(p => p.BatchId == batchId).ExecuteUpdate(u => u
            .SetProperty(p => p.Done, value.Done).SetProperty(p => p.Total, value.Total).SetProperty(p => p.Saving, value.Saving).SetProperty(p => p.UpdatedAt, now)));
    }

    /// <summary>A write on a context of its own: not the request's, whose transaction holds the batch until it commits.</summary>
    private void Write(Action<AccountAdminDbContext> write)
    {
        if (!Shared)
        {
            return;
        }

        using var scope = scopes.CreateScope();
        write(scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>());
    }

    private sealed class Reporter(BulkProgressBoard board, Guid batchId, Guid userId) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => board.Report(batchId, userId, value);
    }
}
