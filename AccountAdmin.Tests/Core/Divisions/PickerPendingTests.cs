using AccountAdmin.Core.Divisions;

namespace AccountAdmin.Tests.Core.Divisions;

public sealed class PickerPendingTests
{
    private static readonly Guid West = Guid.NewGuid();
    private static readonly PickedItem Alpha = new(Guid.NewGuid(), null);
    private static readonly PickedItem Bravo = new(Guid.NewGuid(), West);
    private static readonly Guid Charlie = Guid.NewGuid();

    [Fact]
    public void PuttingIn_AddsOnce_KeepingTheDivisionItWasShownIn()
    {
        var pending = PickerPending.None.With([Bravo, Alpha]).With([Bravo with { ShownIn = null }]);

        Assert.Equal([Bravo, Alpha], pending.Added);
        Assert.Empty(pending.Removed);
        Assert.False(pending.IsEmpty);
    }

    [Fact]
    public void TakingOut_WhatWasPutIn_UndoesIt_AndTakingOutTheRest_RemovesThemOnce()
    {
        var pending = PickerPending.None.With([Alpha, Bravo]).Without([Alpha.Id, Charlie, Charlie]);

        Assert.Equal([Bravo], pending.Added);
        Assert.Equal([Charlie], pending.Removed);
    }

    [Fact]
    public void PuttingBack_WhatWasTakenOut_UndoesIt()
    {
        var pending = PickerPending.None.Without([Charlie]).With([new PickedItem(Charlie, null)]);

        Assert.True(pending.IsEmpty);
    }
}
