using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class ConfirmationPanelTests : ComponentTestContext
{
    private IRenderedComponent<ConfirmationPanel> Render(Action<ComponentParameterCollectionBuilder<ConfirmationPanel>>? more = null) =>
        Render<ConfirmationPanel>(p =>
        {
            p.Add(c => c.ConfirmText, "Remove User").Add(c => c.ConfirmId, "confirm-remove");
            more?.Invoke(p);
        });

    [Fact]
    public void Question_IsThePageHeading_OrAPanelHeading()
    {
        var page = Render(p => p.Add(c => c.Title, "Remove Ann from Main?"));
        var panel = Render(p => p.Add(c => c.Title, "Delete East?").Add(c => c.HeadingLevel, 2));

        Assert.Equal("h1", page.ByRole("heading", "Remove Ann from Main?").LocalName);
        Assert.Equal("h2", panel.ByRole("heading", "Delete East?").LocalName);
    }

    [Fact]
    public void NoQuestion_HasNoHeading()
    {
        var cut = Render(p => p.Add(c => c.Lead, "End the impersonation and go back to your own account."));

        Assert.Empty(cut.AllByRole("heading"));
        Assert.Equal("End the impersonation and go back to your own account.", cut.Find("p").Text());
    }

    [Fact]
    public void Facts_AreLabelledLines_AndConsequencesAList()
    {
        var cut = Render(p => p
            .Add(c => c.Facts, [("E-mail", "ann@example.test"), ("Role here", "Call Agent")])
            .Add(c => c.Consequences, ["They are told by e-mail.", "Other accounts stay as they are."]));

        Assert.Equal(["E-mail: ann@example.test", "Role here: Call Agent"], cut.FindAll("p").Select(p => p.Text()));
        Assert.Equal(["They are told by e-mail.", "Other accounts stay as they are."], cut.ByRole("list").AllByRole("listitem").Select(li => li.Text()));
    }

    [Fact]
    public void Nothing_ToSayOrRefuse_ShowsNoListAndNoAlert()
    {
        var cut = Render();

        Assert.Empty(cut.AllByRole("list"));
        Assert.Empty(cut.AllByRole("alert"));
    }

    [Fact]
    public void OneRefusal_IsAnAlert()
    {
        var cut = Render(p => p.Add(c => c.Errors, ["You can't remove yourself from an account."]));

        var alert = cut.ByRole("alert");
        Assert.Equal("You can't remove yourself from an account.", alert.Text());
        Assert.Contains("alert-danger", alert.ClassList);
    }

    [Fact]
    public void ManyRefusals_AreListedInOneAlert()
    {
        var cut = Render(p => p.Add(c => c.Errors, ["First reason.", "Second reason."]));

        Assert.Equal(["First reason.", "Second reason."], cut.ByRole("alert").AllByRole("listitem").Select(li => li.Text()));
    }

    [Fact]
    public void Confirm_PostsTheForm_WithTheAntiforgeryToken_InRedForATakingAway()
    {
        var cut = Render(p => p.Add(c => c.CancelHref, "/accounts/1/users"));

        var button = cut.ByRole("button", "Remove User");
        Assert.Equal("submit", button.GetAttribute("type"));
        Assert.Equal("confirm-remove", button.Id);
        Assert.Contains("btn-danger", button.ClassList);
        var form = cut.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.False(form.HasAttribute("action"));
        Assert.Equal(AntiforgeryValue, form.QuerySelector($"input[name={AntiforgeryField}]")!.GetAttribute("value"));
        Assert.Equal("/accounts/1/users", cut.ByRole("link", "Cancel").GetAttribute("href"));
    }

    [Fact]
    public void AGivingBack_HasTheUsualButton_AndMayHaveNoCancel()
    {
        var cut = Render(p => p.Add(c => c.Destructive, false));

        Assert.Contains("btn-primary", cut.ByRole("button", "Remove User").ClassList);
        Assert.Empty(cut.AllByRole("link"));
    }

    [Fact]
    public void Form_TakesItsAddress_Id_AndExtraClasses()
    {
        var cut = Render(p => p.Add(c => c.Action, "/divisions/1?handler=Delete").Add(c => c.FormId, "delete-form").Add(c => c.Class, "border-danger-subtle"));

        var form = cut.Find("form");
        Assert.Equal("/divisions/1?handler=Delete", form.GetAttribute("action"));
        Assert.Equal("delete-form", form.Id);
        Assert.Equal(["aa-card", "p-4", "aa-narrow", "border-danger-subtle"], form.ClassList);
    }
}
