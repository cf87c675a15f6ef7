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
        var cut = Render(TwoListPicker.Fresh(editor, new PickerLists([], [])));

        Assert.NotNull(cut.ByRole("heading", title));
        Assert.NotNull(cut.ByRole("form", title));
        Assert.NotNull(cut.ByRole("listbox", left));
    }

    [Fact]
    public void EmptyLists_HaveNoOptions_AndCountNone()
    {
        var cut = Render(TwoListPicker.Fresh(DivisionEditor.Accounts, new PickerLists([], [])));

        Assert.Empty(Options(cut.ByRole("listbox", "Eligible accounts 0")));
        Assert.Empty(Options(cut.ByRole("listbox", "In this division 0")));
    }

    [Fact]
    public void OneOnEachSide_IsListedThere_WithWhereItIsNow()
    {
        var cut = Render(TwoListPicker.Fresh(DivisionEditor.Accounts, new PickerLists([Bravo], [Alpha])));

        Assert.Equal(["Bravo * (West)"], Options(cut.ByRole("listbox", "Eligible accounts 1")));
        Assert.Equal(["Alpha"], Options(cut.ByRole("listbox", "In this division 1")));
        Assert.Equal(PickerTokens.Token(Bravo), cut.ByRole("option", "Bravo * (West)").GetAttribute("value"));
    }

    [Fact]
    public void Many_AreAllListed_WithTheirDetails()
    {
        var cut = Render(TwoListPicker.Fresh(DivisionEditor.Members, new PickerLists([Alpha, Bravo, Charlie], [])));

        Assert.Equal(["Alpha", "Bravo * (West)", "Charlie · charlie@example.test"], Options(cut.ByRole("listbox", "Eligible users 3")));
    }

    [Fact]
    public void AFilteredList_SaysHowManyItShows()
    {
        var input = new PickerInput { Assigned = "", Original = "", Move = "filter", LeftFilter = "alp" };
        var cut = Render(TwoListPicker.After(DivisionEditor.Accounts, new PickerLists([Alpha, Bravo, Charlie], []), input)!);

        Assert.Equal(["Alpha"], Options(cut.ByRole("listbox", "Eligible accounts 3")));
        Assert.Contains("1 of 3 shown.", cut.FindAll(".form-text").Select(t => t.Text()));
        Assert.Equal("alp", cut.ByRole("searchbox", "Filter eligible accounts").GetAttribute("value"));
    }

    [Fact]
    public void NoError_NoAlert_AnError_AnAlert()
    {
        var fresh = TwoListPicker.Fresh(DivisionEditor.Accounts, new PickerLists([Alpha], []));

        Assert.Empty(Render(fresh).AllByRole("alert"));
        Assert.Equal("Someone else changed this division.", Render(fresh, "Someone else changed this division.").ByRole("alert").Text());
    }

    [Fact]
    public void Form_CarriesItsState_SavesToSave_AndMovesToMove()
    {
        var cut = Render(TwoListPicker.Fresh(DivisionEditor.Accounts, new PickerLists([Alpha], [Charlie])));

        var form = cut.ByRole("form", "Edit Accounts");
        Assert.Equal("/divisions/1?handler=Save", form.GetAttribute("action"));
        Assert.Equal("accounts", form.QuerySelector("input[name='Pick.Editor']")!.GetAttribute("value"));
        Assert.Equal(PickerTokens.Token(Charlie), form.QuerySelector("input[name='Pick.Assigned']")!.GetAttribute("value"));
        Assert.Equal(PickerTokens.Token(Charlie), form.QuerySelector("input[name='Pick.Original']")!.GetAttribute("value"));
        Assert.Equal(AntiforgeryValue, form.QuerySelector($"input[name={AntiforgeryField}]")!.GetAttribute("value"));
        Assert.False(form.ByRole("button", "Save Changes").HasAttribute("formaction"));
        var moves = cut.ByRole("group", "Move between the lists").AllByRole("button");
        Assert.Equal(["Add", "Add all shown", "Remove", "Remove all shown"], moves.Select(b => b.Text()));
        Assert.All(moves, b => Assert.Equal("/divisions/1?handler=Move", b.GetAttribute("formaction")));
        Assert.Equal(["add", "add-all", "remove", "remove-all"], moves.Select(b => b.GetAttribute("value")));
    }
}
