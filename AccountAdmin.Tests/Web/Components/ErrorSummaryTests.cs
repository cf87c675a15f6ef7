using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class ErrorSummaryTests : ComponentTestContext
{
    [Fact]
    public void EachProblem_LinksToItsField_UnderAHeadingThatCountsThem()
    {
        var cut = Render<ErrorSummary>(p => p.Add(c => c.Fields, [("Input_Email", "Enter an e-mail address."), ("Input_FirstName", "Enter the first name.")]));

        var summary = cut.Find("[data-error-summary]");
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Equal("There are 2 problems", cut.ByRole("heading").Text());
        Assert.Equal("#Input_Email", cut.ByRole("link", "Enter an e-mail address.").GetAttribute("href"));
        Assert.Equal("#Input_FirstName", cut.ByRole("link", "Enter the first name.").GetAttribute("href"));
    }

    [Fact]
    public void OneProblem_SaysSo_AndNoneShowsNothing()
    {
        var one = Render<ErrorSummary>(p => p.Add(c => c.Fields, [("Input_Email", "Enter an e-mail address.")]));
        var none = Render<ErrorSummary>();

        Assert.Equal("There is a problem", one.ByRole("heading").Text());
        Assert.Empty(none.Nodes.OfType<IElement>());
    }
}
