using AccountAdmin.Core.Divisions;
using AccountAdmin.Web.Infrastructure;

namespace AccountAdmin.Tests.Web.Infrastructure;

public sealed class TwoListPickerTests
{
    private static readonly Guid West = Guid.NewGuid();
    private static readonly PickerOption Alpha = new(Guid.NewGuid(), "Alpha", null);
    private static readonly PickerOption Bravo = new(Guid.NewGuid(), "bravo", null, West, "West");
    private static readonly PickerOption Charlie = new(Guid.NewGuid(), "Charlie", null);
    private static readonly PickerLists Lists = new([Alpha, Bravo], [Charlie]);

    private static PickerInput Input(string move, IEnumerable<PickerOption>? chosen = null, IEnumerable<PickerOption>? dropped = null) => new()
    {
        Assigned = PickerTokens.Token(Charlie),
        Original = PickerTokens.Token(Charlie),
        Move = move,
        Chosen = chosen?.Select(PickerTokens.Token).ToList() ?? [],
        Dropped = dropped?.Select(PickerTokens.Token).ToList() ?? [],
    };

    [Fact]
    public void Fresh_ShowsEligibleLeft_AssignedRight_AndRemembersWhereItStarted()
    {
        var picker = TwoListPicker.Fresh(DivisionEditor.Accounts, Lists);

        Assert.Equal([Alpha, Bravo], picker.Left);
        Assert.Equal([Charlie], picker.Right);
        Assert.Equal(PickerTokens.Token(Charlie), picker.Original);
        Assert.Equal("bravo * (West)", TwoListPicker.Label(Bravo));
    }

    [Fact]
    public void Add_MovesTheChosenRight_InNameOrder_KeepingTheDivisionTheyWereShownIn()
    {
        var picker = TwoListPicker.After(DivisionEditor.Accounts, Lists, Input(PickerInput.Add, chosen: [Bravo]))!;

        Assert.Equal([Alpha], picker.Left);
        Assert.Equal([Bravo.Id, Charlie.Id], picker.Right.Select(o => o.Id));
        Assert.Equal(PickerTokens.Tokens([new PickedItem(Bravo.Id, West), new PickedItem(Charlie.Id, null)]), picker.Assigned);
        Assert.Equal(PickerTokens.Token(Charlie), picker.Original);
    }

    [Fact]
    public void Remove_AndTheAllShownMoves_FollowTheFilters()
    {
        var removed = TwoListPicker.After(DivisionEditor.Accounts, Lists, Input(PickerInput.Remove, dropped: [Charlie]))!;
        var allShown = TwoListPicker.After(DivisionEditor.Accounts, Lists, Input(PickerInput.AddAll).With(i => i.LeftFilter = "ALP"))!;

        Assert.Empty(removed.Right);
        Assert.Equal("", removed.Assigned);
        Assert.Equal([Alpha.Id, Charlie.Id], allShown.Right.Select(o => o.Id));
        Assert.Empty(allShown.Left);
        Assert.Equal(1, allShown.LeftTotal);
    }

    [Fact]
    public void Filtering_ShowsFewer_ButKeepsTheWholeListAndItsCounts()
    {
        var input = Input("filter");
        input.LeftFilter = " rav ";
        var picker = TwoListPicker.After(DivisionEditor.Accounts, Lists, input)!;

        Assert.Equal([Bravo.Id], picker.Left.Select(o => o.Id));
        Assert.Equal((2, 1), (picker.LeftTotal, picker.RightTotal));
        Assert.Equal("rav", picker.LeftFilter);
        Assert.Equal(PickerTokens.Token(Charlie), picker.Assigned);
    }

    [Fact]
    public void AListThePageDidNotWrite_IsNotRead() =>
        Assert.Null(TwoListPicker.After(DivisionEditor.Members, Lists, new PickerInput { Assigned = "forged", Original = "" }));
}

internal static class PickerInputExtensions
{
    public static PickerInput With(this PickerInput input, Action<PickerInput> change)
    {
        change(input);
        return input;
    }
}
