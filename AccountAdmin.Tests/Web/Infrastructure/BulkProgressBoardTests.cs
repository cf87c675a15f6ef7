using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Web.Infrastructure;

namespace AccountAdmin.Tests.Web.Infrastructure;

public sealed class BulkProgressBoardTests
{
    [Fact]
    public void ABatchsProgress_IsSeenOnlyByWhoSubmittedIt_UntilItFinishes()
    {
        var board = new BulkProgressBoard();
        var (batch, submitter, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var progress = board.Track(batch, submitter);
        progress.Report(new BulkProgress(250, 1_000));

        Assert.Equal(new BulkProgress(250, 1_000), board.Get(batch, submitter));
        Assert.Null(board.Get(batch, other));
        Assert.Null(board.Get(Guid.NewGuid(), submitter));

        board.Finish(batch);
        Assert.Null(board.Get(batch, submitter));
    }
}
