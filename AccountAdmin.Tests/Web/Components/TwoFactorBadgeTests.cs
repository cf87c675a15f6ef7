using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class TwoFactorBadgeTests : ComponentTestContext
{
    [Fact]
    public void On_ShowsAShield_AndSaysSo()
    {
        var badge = Render<TwoFactorBadge>(p => p.Add(c => c.Enabled, true)).Find("[data-two-factor]");

        Assert.Equal("on", badge.GetAttribute("data-two-factor"));
        Assert.Equal("Two-factor on", badge.TextContent);
        Assert.Equal(["badge", "text-bg-success"], badge.ClassList);
        Assert.NotNull(badge.QuerySelector(".bi-shield-lock-fill[aria-hidden=true]"));
    }

    [Fact]
    public void Off_SaysSo_InPlainColours()
    {
        var badge = Render<TwoFactorBadge>(p => p.Add(c => c.Enabled, false)).Find("[data-two-factor]");

        Assert.Equal("off", badge.GetAttribute("data-two-factor"));
        Assert.Equal("Two-factor off", badge.TextContent);
    }

    [Fact]
    public void InAList_OnIsShort_AndOffIsNothing_WithExtraClasses()
    {
        var on = Render<TwoFactorBadge>(p => p.Add(c => c.Enabled, true).Add(c => c.Short, true).Add(c => c.Class, "ms-1")).Find("[data-two-factor]");
        var off = Render<TwoFactorBadge>(p => p.Add(c => c.Enabled, false).Add(c => c.Short, true));

        Assert.Equal("2FA", on.TextContent);
        Assert.Equal(["badge", "text-bg-success", "ms-1"], on.ClassList);
        Assert.Empty(off.FindAll("[data-two-factor]"));
    }
}
