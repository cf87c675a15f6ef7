namespace AccountAdmin.Core.Model;

/// <summary>How far a running Bulk Add has got, kept while it runs so that the browser may ask any instance.</summary>
public sealed class BulkImportProgress
{
    private BulkImportProgress() { }

    public BulkImportProgress(Guid batchId, Guid userId, DateTime at)
    {
        BatchId = batchId;
        UserId = userId;
        UpdatedAt = at;
    }

    public Guid BatchId { get; private set; }
    public Guid UserId { get; private set; }
    public int Done { get; private set; }
    public int Total { get; private set; }
    public bool Saving { get; private set; }
    public DateTime UpdatedAt { get; private set; }
}
