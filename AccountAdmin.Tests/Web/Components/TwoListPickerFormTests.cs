using AccountAdmin.Core.Divisions;
using AccountAdmin.Web.Components;
using AccountAdmin.Web.Infrastructure;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class TwoListPickerFormTests : ComponentTestContext
{
    private static readonly PickerOption Alpha = new(Guid.NewGuid(), "Alpha", null);
    private static readonly PickerOption Bravo = new(Guid.NewGuid(), "Bravo", null, Guid.NewGuid(), "West");
    private static readonly PickerOption Charlie = new(Guid.NewGuid(), "Charlie", "charlie@example.test");

    private static PickerPage All(params PickerOption[] options) => new(options, options.Length, options.Length, null, null);

    private static TwoListPicker Picker(DivisionEditor editor, PickerPage left, PickerPage right, PickerPending? pending = null, string? leftFilter = null) =>
        new(editor, left, right, pending ?? PickerPending.None, leftFilter);

    private IRenderedComponent<TwoListPickerForm> Render(TwoListPicker picker, string? error = null) =>
        Render<TwoListPickerForm>(p => p
            .Add(c => c.Picker, picker)
            .Add(c => c.EditorKey, "accounts")
            .Add(c => c.SaveAction, "/divisions/1?handler=Save")
            .Add(c => c.MoveAction, "/divisions/1?handler=Move")
            .Add(c => c.Error, error));

    private static string[] Options(IElement list) => list.AllByRole("option").Select(o => o.Text()).ToArray();

    [Theory]
    [InlineData(DivisionEditor.Accounts, "Edit Accounts", "Eligible accounts 0")]
    [InlineData(DivisionEditor.Members, "Edit Assigned Users", "Eligible users 0")]
    [InlineData(DivisionEditor.Administrators, "Edit Admins", "Eligible administrators 0")]
    public void EachEditor_HasItsTitleAndNouns(DivisionEditor editor, string title, string left)
    {
        var cut = Render(Picker(editor, All(), All()));

        Assert.NotNull(cut.ByRole("heading", title));
        Assert.NotNull(cut.ByRole("form", title));
        Assert.NotNull(cut.ByRole("listbox", left));
    }

    [Fact]
    public void EmptyLists_HaveNoOptions_NoPageTurns_AndNothingPending()
    {
        var cut = Render(Picker(DivisionEditor.Accounts, All(), All()));

        Assert.Empty(Options(cut.ByRole("listbox", "Eligible accounts 0")));
        Assert.Empty(Options(cut.ByRole("listbox", "In this division 0")));
        Assert.Empty(cut.FindAll("button[name='Pick.Page']"));
        Assert.Equal("", cut.Find("[data-swap-part=pending]").Text());
    }

    [Fact]
    public void OneOnEachSide_IsListedThere_WithWhereItIsNow()
    {
        var cut = Render(Picker(DivisionEditor.Accounts, All(Bravo), All(Alpha)));

        Assert.Equal(["Bravo * (West)"], Options(cut.ByRole("listbox", "Eligible accounts 1")));
        Assert.Equal(["Alpha"], Options(cut.ByRole("listbox", "In this division 1")));
        Assert.Equal(PickerTokens.Token(Bravo), cut.ByRole("option", "Bravo * (West)").GetAttribute("value"));
    }

    [Fact]
    public void APageOfALongList_SaysHowManyItShows_AndTurnsBothWays()
    {
        var left = new PickerPage([Alpha, Charlie], 5_000, 5_000, "next-start", "");
        var cut = Render(Picker(DivisionEditor.Members, left, All()));

        Assert.Equal(["Alpha", "Charlie · charlie@example.test"], Options(cut.ByRole("listbox", "Eligible users 5,000")));
        Assert.Equal("2 shown of 5,000.", cut.Find("#picker-left-shown").Text());
        var turns = cut.FindAll("button[name='Pick.Page']");
        Assert.Equal(["Previous 100", "Next 100"], turns.Select(b => b.Text()));
        Assert.Equal(["left:", "left:next-start"], turns.Select(b => b.GetAttribute("value")));
        Assert.All(turns, b => Assert.Equal("/divisions/1?handler=Move", b.GetAttribute("formaction")));
    }

    [Theory]
    [InlineData(1, "1 shown of 1 matching “alp”.")]
    [InlineData(0, "None match “alp”.")]
    public void AFilteredList_SaysWhatItMatched(int matching, string said)
    {
        var left = new PickerPage(matching == 0 ? [] : [Alpha], 3, matching, null, null);
        var cut = Render(Picker(DivisionEditor.Accounts, left, All(), leftFilter: "alp"));

        Assert.Equal(said, cut.Find("#picker-left-shown").Text());
        Assert.Equal("alp", cut.ByRole("searchbox", "Filter eligible accounts").GetAttribute("value"));
        Assert.Equal("picker-left-shown", cut.ByRole("listbox", "Eligible accounts 3").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void NoError_NoAlert_AnError_AnAlert()
    {
        var picker = Picker(DivisionEditor.Accounts, All(Alpha), All());

        Assert.Empty(Render(picker).AllByRole("alert"));
        Assert.Equal("Someone else changed this division.", Render(picker, "Someone else changed this division.").ByRole("alert").Text());
    }

    [Fact]
    public void PendingMoves_AreCarriedInTheForm_AndSaidInWords()
    {
        var pending = new PickerPending([new PickedItem(Bravo.Id, Bravo.DivisionId)], [Alpha.Id, Charlie.Id]);
        var cut = Render(Picker(DivisionEditor.Accounts, All(), All(), pending));

        var form = cut.ByRole("form", "Edit Accounts");
        Assert.Equal(PickerTokens.Token(Bravo), form.QuerySelector("input[name='Pick.Added']")!.GetAttribute("value"));
        Assert.Equal($"{Alpha.Id:N},{Charlie.Id:N}", form.QuerySelector("input[name='Pick.Removed']")!.GetAttribute("value"));
        Assert.Equal("Not saved yet: 1 to add, 2 to take out.", cut.Find("[data-swap-part=pending]").Text());
    }

    [Fact]
    public void Form_SavesToSave_AndMovesToMove()
    {
        var cut = Render(Picker(DivisionEditor.Accounts, All(Alpha), All(Charlie)));

        var form = cut.ByRole("form", "Edit Accounts");
        Assert.Equal("/divisions/1?handler=Save", form.GetAttribute("action"));
        Assert.Equal("/divisions/1?handler=Move", form.GetAttribute("data-swap-action"));
        Assert.Equal("accounts", form.QuerySelector("input[name='Pick.Editor']")!.GetAttribute("value"));
        Assert.Equal(AntiforgeryValue, form.QuerySelector($"input[name={AntiforgeryField}]")!.GetAttribute("value"));
        Assert.False(form.ByRole("button", "Save Changes").HasAttribute("formaction"));
        var moves = cut.ByRole("group", "Move between the lists").AllByRole("button");
        Assert.Equal(["Add", "Add all matching", "Remove", "Remove all matching"], moves.Select(b => b.Text()));
        Assert.All(moves, b => Assert.Equal("/divisions/1?handler=Move", b.GetAttribute("formaction")));
        Assert.Equal(["add", "add-all", "remove", "remove-all"], moves.Select(b => b.GetAttribute("value")));
    }
}
