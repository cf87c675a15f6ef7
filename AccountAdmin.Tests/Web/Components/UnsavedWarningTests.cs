using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class UnsavedWarningTests : ComponentTestContext
{
    [Fact]
    public void StartsHidden_AndOffersToGoBack_OrToSaveThisPanelAnyway()
    {
        var warning = Render<UnsavedWarning>(p => p.Add(c => c.What, "the roles")).Find("[data-unsaved-warning]");

        Assert.True(warning.HasAttribute("hidden"));
        Assert.Equal("alert", warning.GetAttribute("role"));
        Assert.Contains("Saving the roles now would lose them.", warning.TextContent);
        Assert.Equal("Go back to them", warning.QuerySelector("[data-unsaved-back]")!.TextContent);
        Assert.Equal("Save the roles anyway", warning.QuerySelector("[data-unsaved-discard]")!.TextContent);
        Assert.All(warning.QuerySelectorAll("button"), b => Assert.Equal("button", b.GetAttribute("type")));
    }
}
