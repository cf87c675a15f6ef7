using AccountAdmin.Core.Audit;
using AccountAdmin.Web.Components;
using AccountAdmin.Web.Infrastructure;
using Bunit;

namespace AccountAdmin.Tests.Web.Components;

public sealed class AuditLogTableTests : ComponentTestContext
{
    private static readonly DateTime At = new(2026, 11, 3, 9, 15, 42, DateTimeKind.Utc);
    private static readonly Guid Olga = Guid.NewGuid();

    private static AuditRow Row(string action, string? actor = "Olga Owner", string? target = "Abe Agent", string? details = null,
        Guid? impersonator = null, string? impersonatorName = null, string? account = "Northwind Main") =>
        new(Guid.NewGuid(), At, action, actor is null ? null : Olga, actor, impersonator, impersonatorName, Guid.NewGuid(), target, Guid.NewGuid(), account,
            details, "203.0.113.7");

    private IRenderedComponent<AuditLogTable> Render(AuditLogView view) => Render<AuditLogTable>(p => p.Add(c => c.View, view));

    private static AuditLogView View(IReadOnlyList<AuditRow> rows, bool showAccount = false, string? next = null) =>
        new() { BasePath = "/accounts/1/audit", ShowAccount = showAccount, Page = new AuditPage(rows, next is not null), NextLink = next };

    [Fact]
    public void NoEvents_SaysSo_WithoutATableOrPager()
    {
        var cut = Render(View([]));

        Assert.Equal("No events match.", cut.Find("#no-events").Text());
        Assert.Empty(cut.AllByRole("table"));
        Assert.Empty(cut.AllByRole("navigation"));
    }

    [Fact]
    public void OneEvent_IsARow_WithWhenWhatWhoAndWhom()
    {
        var cut = Render(View([Row(AuditActions.MembershipSuspended, details: "Suspended by the owner")]));

        var table = cut.ByRole("table");
        Assert.Equal(["Time", "Action", "Done by", "User acted on", "Details", "IP"], table.AllByRole("columnheader").Select(h => h.Text()));
        var row = table.QuerySelector("tbody")!.ByRole("row");
        Assert.Equal(AuditActions.MembershipSuspended, row.GetAttribute("data-action"));
        Assert.Equal(["3 Nov 2026, 09:15:42 UTC", AuditActions.Describe(AuditActions.MembershipSuspended), "Olga Owner", "Abe Agent", "Suspended by the owner", "203.0.113.7"],
            row.AllByRole("cell").Select(c => c.Text()));
        Assert.Equal("2026-11-03T09:15:42.0000000Z", row.QuerySelector("time")!.GetAttribute("datetime"));
    }

    [Fact]
    public void ManyEvents_WithMore_LinkToOlderOnes()
    {
        var rows = Enumerable.Range(0, 3).Select(_ => Row(AuditActions.SignedIn, target: null)).ToList();
        var cut = Render(View(rows, next: "/accounts/1/audit?after=abc"));

        Assert.Equal(3, cut.ByRole("table").QuerySelector("tbody")!.AllByRole("row").Count);
        Assert.Equal("/accounts/1/audit?after=abc", cut.ByRole("navigation", "Pages of events").ByRole("link", "Older").GetAttribute("href"));
    }

    [Fact]
    public void AnEventAcrossAccounts_NamesItsAccount()
    {
        var cut = Render(View([Row(AuditActions.AccountCreated, account: "Northwind East")], showAccount: true));

        var table = cut.ByRole("table");
        Assert.Contains("Account", table.AllByRole("columnheader").Select(h => h.Text()));
        Assert.Contains("Northwind East", table.QuerySelector("tbody")!.AllByRole("cell").Select(c => c.Text()));
    }

    [Fact]
    public void AnEventDoneWhileImpersonating_CarriesBothNames_AndOneBySystem_SaysSystem()
    {
        var cut = Render(View([
            Row(AuditActions.MembershipSuspended, actor: "Abe Agent", impersonator: Guid.NewGuid(), impersonatorName: "Olga Owner"),
            Row(AuditActions.MembershipEnded, actor: null),
        ]));

        var actors = cut.FindAll("[data-column=actor]").Select(c => c.Text()).ToList();
        Assert.Contains("Abe Agent by Olga Owner, logged in as them", actors);
        Assert.Contains("System", actors);
    }

    [Fact]
    public void Problems_AreAWarning_InsteadOfTheUsersFound()
    {
        var view = View([]);
        view.Problems = ["No user matches \"zed\".", "Enter the From date as a date, such as 2026-11-01."];
        var cut = Render(view);

        var alert = cut.ByRole("alert");
        Assert.Contains("alert-warning", alert.ClassList);
        Assert.Equal(["No user matches \"zed\".", "Enter the From date as a date, such as 2026-11-01."], alert.Children.Select(d => d.Text()));
        Assert.Empty(cut.FindAll("#audit-users"));
    }

    [Fact]
    public void UsersFound_AreNamed_RemovedOnesMarked()
    {
        var view = new AuditLogView
        {
            BasePath = "/accounts/1/audit", UserText = "r",
            Users = [new AuditUser(Guid.NewGuid(), "Rita Removed", "rita@example.test", true), new AuditUser(Guid.NewGuid(), "Ron Active", "ron@example.test", false)],
        };
        var cut = Render(view);

        Assert.Equal(["Rita Removed (removed)", "Ron Active"], cut.FindAll("#audit-users .badge").Select(b => b.Text()));
        Assert.Empty(cut.AllByRole("alert"));
    }

    [Fact]
    public void Filters_KeepWhatWasAsked_AndTheExportTakesThem()
    {
        var view = new AuditLogView { BasePath = "/accounts/1/audit", UserText = "ann", Action = AuditActions.SignedIn, From = "2026-11-01", To = "2026-11-30" };
        var cut = Render(view);

        var filters = cut.ByRole("search");
        Assert.Equal("/accounts/1/audit", filters.GetAttribute("action"));
        Assert.Equal("get", filters.GetAttribute("method"));
        Assert.Equal("ann", filters.ByRole("searchbox", "User").GetAttribute("value"));
        Assert.Equal(AuditActions.SignedIn, filters.ByRole("combobox", "Action").QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal("2026-11-01", filters.QuerySelector("#audit-from")!.GetAttribute("value"));
        Assert.Equal("/accounts/1/audit?handler=Export&user=ann&action=session.signed_in&from=2026-11-01&to=2026-11-30",
            cut.ByRole("link", "Export CSV").GetAttribute("href"));
    }

    [Fact]
    public void NoFilters_ExportEverything()
    {
        var cut = Render(View([]));

        Assert.Equal("/accounts/1/audit?handler=Export", cut.ByRole("link", "Export CSV").GetAttribute("href"));
        Assert.Empty(cut.ByRole("combobox", "Action").QuerySelectorAll("option[selected]"));
    }
}
