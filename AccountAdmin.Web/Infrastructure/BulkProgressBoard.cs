using System.Collections.Concurrent;
using AccountAdmin.Core.BulkAdd;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// How far each running Bulk Add has got, for the page that submitted it to show while it waits.
/// Only the user who submitted a batch can read its progress; finished batches leave the board.
/// </summary>
public sealed class BulkProgressBoard
{
    private readonly ConcurrentDictionary<Guid, (Guid UserId, BulkProgress Progress)> running = new();

    public IProgress<BulkProgress> Track(Guid batchId, Guid userId)
    {
        running[batchId] = (userId, new BulkProgress(0, 0));
        return new Reporter(this, batchId, userId);
    }

    public void Finish(Guid batchId) => running.TryRemove(batchId, out _);

    public BulkProgress? Get(Guid batchId, Guid userId) =>
        running.TryGetValue(batchId, out var entry) && entry.UserId == userId ? entry.Progress : null;

    private sealed class Reporter(BulkProgressBoard board, Guid batchId, Guid userId) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => board.running[batchId] = (userId, value);
    }
}
