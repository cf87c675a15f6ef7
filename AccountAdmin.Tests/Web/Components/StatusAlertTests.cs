using AccountAdmin.Web.Components;
using AccountAdmin.Web.Infrastructure;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class StatusAlertTests : ComponentTestContext
{
    private IRenderedComponent<StatusAlert> Render(StatusMessage? message) => Render<StatusAlert>(p => p.Add(c => c.Message, message));

    [Fact]
    public void NoMessage_ShowsNothing()
    {
        var cut = Render(null);

        Assert.Empty(cut.Nodes.OfType<IElement>());
    }

    [Fact]
    public void Success_IsAPoliteStatus_InGreen()
    {
        var cut = Render(new StatusMessage(StatusKind.Success, "The account settings were saved."));

        var status = cut.ByRole("status");
        Assert.Equal("The account settings were saved.", status.Text());
        Assert.Contains("alert-success", status.ClassList);
        Assert.Empty(cut.AllByRole("alert"));
    }

    [Theory]
    [InlineData(StatusKind.Warning, "alert-warning")]
    [InlineData(StatusKind.Error, "alert-danger")]
    public void WarningAndError_AreAlerts_InTheirColour(StatusKind kind, string colour)
    {
        var cut = Render(new StatusMessage(kind, "You can't suspend or unsuspend yourself."));

        var alert = cut.ByRole("alert");
        Assert.Equal("You can't suspend or unsuspend yourself.", alert.Text());
        Assert.Contains(colour, alert.ClassList);
        Assert.Empty(cut.AllByRole("status"));
    }

    [Fact]
    public void Message_CanBeClosed_AndKeepsTheIdTheTestsAndScriptsUse()
    {
        var cut = Render(new StatusMessage(StatusKind.Warning, "Not saved yet."));

        var close = cut.ByRole("button", "Close");
        Assert.Equal("alert", close.GetAttribute("data-bs-dismiss"));
        Assert.Equal("status-message", cut.ByRole("alert").Id);
    }

    [Fact]
    public void Text_IsShownAsText_NotAsMarkup()
    {
        var cut = Render(new StatusMessage(StatusKind.Error, "<b>Ann</b> was removed."));

        Assert.Equal("<b>Ann</b> was removed.", cut.ByRole("alert").Text());
        Assert.Empty(cut.FindAll("b"));
    }
}
