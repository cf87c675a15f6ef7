using AccountAdmin.Web.Components;
using AccountAdmin.Web.Infrastructure;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class ImpersonationBannerTests : ComponentTestContext
{
    private static readonly ImpersonationClaims Olga =
        new(Guid.NewGuid(), Guid.NewGuid(), "Olga Owner", "stamp", Guid.NewGuid(), new DateTime(2026, 11, 3, 14, 30, 0, DateTimeKind.Utc));

    private IRenderedComponent<ImpersonationBanner> Render(ImpersonationClaims? impersonation, string? userName = "Abe Agent") =>
        Render<ImpersonationBanner>(p => p.Add(c => c.Impersonation, impersonation).Add(c => c.UserName, userName));

    [Fact]
    public void NoImpersonation_ShowsNothing()
    {
        Assert.Empty(Render(null).Nodes.OfType<IElement>());
    }

    [Fact]
    public void Impersonation_SaysWhoIsLoggedInAsWhom_AndUntilWhen()
    {
        var banner = Render(Olga).ByRole("region", "Impersonation");

        Assert.Equal("You, Olga Owner, are logged in as Abe Agent until 14:30 UTC. Return to my account", banner.Text());
        Assert.Equal("2026-11-03T14:30:00.0000000Z", banner.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("impersonation-banner", banner.Id);
    }

    [Fact]
    public void ReturnButton_PostsToStop_WithTheAntiforgeryToken()
    {
        var cut = Render(Olga);

        var button = cut.ByRole("button", "Return to my account");
        var form = button.Closest("form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/impersonation/stop", form.GetAttribute("action"));
        Assert.Equal(AntiforgeryValue, form.QuerySelector($"input[name={AntiforgeryField}]")!.GetAttribute("value"));
    }

    [Fact]
    public void Names_AreText_NotMarkup()
    {
        var cut = Render(Olga with { ImpersonatorName = "<i>Olga</i>" }, "<i>Abe</i>");

        Assert.Empty(cut.FindAll("i:not(.bi)"));
        Assert.Contains("You, <i>Olga</i>, are logged in as <i>Abe</i>", cut.ByRole("region", "Impersonation").Text());
    }
}
