using AccountAdmin.Core.Model;
using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class TwoFactorRequirementChoiceTests : ComponentTestContext
{
    [Fact]
    public void ThreeChoices_UnderTheLegend_TheCurrentOneChecked_EachLabelled()
    {
        var choice = Render<TwoFactorRequirementChoice>(p => p
            .Add(c => c.Value, TwoFactorRequirement.Administrators)
            .Add(c => c.Legend, "Two-factor sign-in in Northwind is")
            .Add(c => c.AdministratorsLabel, "Required of Owners and Administrators"));

        var radios = choice.FindAll("input[type=radio][name=TwoFactorRequirement]");
        Assert.Equal("Two-factor sign-in in Northwind is", choice.Find("legend").TextContent);
        Assert.Equal(["None", "Administrators", "Everyone"], radios.Select(r => r.GetAttribute("value")));
        Assert.Equal([false, true, false], radios.Select(r => r.HasAttribute("checked")));
        Assert.Equal(
            ["Not required", "Required of Owners and Administrators", "Required of everyone"],
            radios.Select(r => choice.Find($"label[for='{r.Id}']").TextContent));
        Assert.Null(choice.Find("fieldset").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void AnError_IsShownAtTheField_AndDescribesIt()
    {
        var choice = Render<TwoFactorRequirementChoice>(p => p
            .Add(c => c.Value, TwoFactorRequirement.None)
            .Add(c => c.Legend, "Two-factor sign-in is")
            .Add(c => c.AdministratorsLabel, "Administrators")
            .Add(c => c.Error, "Choose who must use two-factor sign-in."));

        Assert.Equal("Choose who must use two-factor sign-in.", choice.Find("[data-valmsg-for=TwoFactorRequirement]").TextContent);
        Assert.Equal("two-factor-requirement-error", choice.Find("fieldset").GetAttribute("aria-describedby"));
    }
}
