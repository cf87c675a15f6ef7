using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class PagerTests : ComponentTestContext
{
    private IRenderedComponent<Pager> Render(string? previous = null, string? first = null, string? next = null, string? nextText = null) =>
        Render<Pager>(p =>
        {
            p.Add(c => c.Label, "Pages of users");
            p.Add(c => c.PreviousHref, previous);
            p.Add(c => c.FirstHref, first);
            p.Add(c => c.NextHref, next);
            if (nextText is not null)
            {
                p.Add(c => c.NextText, nextText);
            }
        });

    [Fact]
    public void OnePageOnly_ShowsNothing()
    {
        Assert.Empty(Render().Nodes.OfType<IElement>());
        Assert.Empty(Render(first: "/users").Nodes.OfType<IElement>());
    }

    [Fact]
    public void NextPageOnly_IsOneLink_InANamedNavigation()
    {
        var cut = Render(next: "/users?after=abc");

        var pages = cut.ByRole("navigation", "Pages of users");
        var next = pages.ByRole("link", "Next");
        Assert.Equal("/users?after=abc", next.GetAttribute("href"));
        Assert.Equal("next", next.GetAttribute("rel"));
        Assert.Single(pages.AllByRole("link"));
    }

    [Fact]
    public void NextText_NamesTheLink()
    {
        var cut = Render(next: "/audit?after=abc", nextText: "Older");

        Assert.Equal("/audit?after=abc", cut.ByRole("link", "Older").GetAttribute("href"));
        Assert.Empty(cut.AllByRole("link", "Next"));
    }

    [Fact]
    public void FirstOfMany_HasFirstPageAndNext_ButNoPrevious()
    {
        var cut = Render(first: "/users", next: "/users?after=abc");

        Assert.Equal("/users", cut.ByRole("link", "First page").GetAttribute("href"));
        Assert.Equal("/users?after=abc", cut.ByRole("link", "Next").GetAttribute("href"));
        Assert.Empty(cut.AllByRole("link", "Previous"));
    }

    [Fact]
    public void MiddlePage_LinksBothWays_AndToTheFirst()
    {
        var cut = Render(previous: "/users?before=abc", first: "/users", next: "/users?after=def");

        var pages = cut.ByRole("navigation", "Pages of users");
        Assert.Equal("prev", pages.ByRole("link", "Previous").GetAttribute("rel"));
        Assert.Equal("/users?before=abc", pages.ByRole("link", "Previous").GetAttribute("href"));
        Assert.Equal(["Previous", "First page", "Next"], pages.AllByRole("link").Select(l => l.Text()));
    }

    [Fact]
    public void LastPage_HasPreviousAndFirst_ButNoNext()
    {
        var cut = Render(previous: "/users?before=abc", first: "/users");

        Assert.NotNull(cut.ByRole("link", "Previous"));
        Assert.NotNull(cut.ByRole("link", "First page"));
        Assert.Empty(cut.AllByRole("link", "Next"));
    }

    [Fact]
    public void Links_KeepTheIdsTheTestsAndJourneysUse()
    {
        var cut = Render(previous: "/p", first: "/f", next: "/n");

        Assert.Equal("previous-page", cut.ByRole("link", "Previous").Id);
        Assert.Equal("first-page", cut.ByRole("link", "First page").Id);
        Assert.Equal("next-page", cut.ByRole("link", "Next").Id);
    }
}
