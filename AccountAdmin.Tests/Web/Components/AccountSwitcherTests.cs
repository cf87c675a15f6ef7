using AccountAdmin.Core.Accounts;
using AccountAdmin.Web.Components;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class AccountSwitcherTests : ComponentTestContext
{
    private static readonly Guid Agency = Guid.NewGuid();

    private static OpenableAccount Account(string name) => new(Guid.NewGuid(), name, Agency, "Northwind Agency");

    [Fact]
    public void OutsideAnAccount_IsALinkToMyAccounts_LoadingTheWholeList()
    {
        var cut = Render<AccountSwitcher>();

        var toggle = cut.ByRole("button", "My accounts");
        Assert.Equal("/", toggle.GetAttribute("href"));
        Assert.Equal("account-switcher", toggle.Id);
        Assert.Equal("/switcher", cut.Find("[data-account-switcher]").GetAttribute("data-account-switcher"));
        Assert.Equal("Loading…", cut.Find("#account-switcher-menu").Text());
    }

    [Fact]
    public void InAnAccount_NamesIt_AndMarksItInTheList()
    {
        var id = Guid.NewGuid();
        var cut = Render<AccountSwitcher>(p => p.Add(c => c.AccountId, id).Add(c => c.AccountName, "Northwind Main"));

        Assert.NotNull(cut.ByRole("button", "Northwind Main"));
        Assert.Equal($"/switcher?current={id}", cut.Find("[data-account-switcher]").GetAttribute("data-account-switcher"));
    }

    [Fact]
    public void Menu_WithNoAccount_SaysSo_AndLinksToMyAccounts()
    {
        var cut = Render<AccountSwitcherMenu>(p => p.Add(c => c.Accounts, []));

        Assert.Equal(["No accounts yet", "", "My accounts"], cut.AllByRole("listitem").Select(li => li.Text()));
        Assert.Equal("/", cut.ByRole("link", "My accounts").GetAttribute("href"));
    }

    [Fact]
    public void Menu_WithOneAccount_LinksToIt_MarkedWhenCurrent()
    {
        var main = Account("Northwind Main");
        var cut = Render<AccountSwitcherMenu>(p => p.Add(c => c.Accounts, [main]).Add(c => c.Current, main.Id));

        var link = cut.ByRole("link", "Northwind Main · Northwind Agency");
        Assert.Equal($"/accounts/{main.Id}", link.GetAttribute("href"));
        Assert.Equal("true", link.GetAttribute("aria-current"));
        Assert.Contains("active", link.ClassList);
        Assert.Empty(cut.AllByRole("listitem", "No accounts yet"));
    }

    [Fact]
    public void Menu_WithMany_MarksOnlyTheCurrent_AndOffersAllWhenThereAreMore()
    {
        var accounts = new[] { Account("East"), Account("Main"), Account("West") };
        var cut = Render<AccountSwitcherMenu>(p => p.Add(c => c.Accounts, accounts).Add(c => c.Current, accounts[1].Id).Add(c => c.HasMore, true));

        var links = cut.AllByRole("link").Where(l => l.GetAttribute("href")!.StartsWith("/accounts/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, links.Count);
        Assert.Equal(["Main · Northwind Agency"], links.Where(l => l.HasAttribute("aria-current")).Select(l => l.Text()));
        Assert.Equal("/", cut.ByRole("link", "All my accounts…").GetAttribute("href"));
        Assert.Empty(cut.AllByRole("link", "My accounts"));
    }
}
