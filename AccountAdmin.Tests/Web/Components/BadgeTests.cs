using AccountAdmin.Core.Users;
using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class BadgeTests : ComponentTestContext
{
    [Theory]
    [InlineData(UserStatus.Active, "Active", "text-bg-success")]
    [InlineData(UserStatus.Invited, "Invited", "text-bg-info")]
    [InlineData(UserStatus.Suspended, "Suspended", "text-bg-warning")]
    public void StatusBadge_NamesTheStatus_InItsColour(UserStatus status, string text, string colour)
    {
        var badge = Render<StatusBadge>(p => p.Add(c => c.Status, status)).Find(".badge");

        Assert.Equal(text, badge.TextContent);
        Assert.Equal(["badge", "rounded-pill", colour], badge.ClassList);
    }

    [Fact]
    public void StatusBadge_TakesExtraClasses()
    {
        var badge = Render<StatusBadge>(p => p.Add(c => c.Status, UserStatus.Suspended).Add(c => c.Class, "ms-1")).Find(".badge");

        Assert.Equal(["badge", "rounded-pill", "text-bg-warning", "ms-1"], badge.ClassList);
    }

    [Theory]
    [InlineData(RoleBadgeKind.Grant, new[] { "badge", "text-bg-primary" })]
    [InlineData(RoleBadgeKind.Here, new[] { "badge", "text-bg-light", "border" })]
    [InlineData(RoleBadgeKind.Other, new[] { "badge", "text-bg-secondary" })]
    public void RoleBadge_NamesTheRole_InTheColourOfItsKind(RoleBadgeKind kind, string[] classes)
    {
        var badge = Render<RoleBadge>(p => p.Add(c => c.Role, "Division Administrator of East").Add(c => c.Kind, kind)).Find(".badge");

        Assert.Equal("Division Administrator of East", badge.TextContent);
        Assert.Equal(classes, badge.ClassList);
    }

    [Fact]
    public void RoleBadge_IsAGrantUnlessToldOtherwise_AndTakesExtraClasses()
    {
        var cut = Render<RoleBadge>(p => p.Add(c => c.Role, "Call Agent").Add(c => c.Class, "me-1"));

        cut.MarkupMatches("""<span class="badge text-bg-primary me-1">Call Agent</span>""");
    }
}
