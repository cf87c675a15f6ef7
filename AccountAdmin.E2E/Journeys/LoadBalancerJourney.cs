using System.Text;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

/// <summary>
/// The growth path as its users see it: two portal processes on one PostgreSQL behind a round-robin proxy with no
/// affinity, so a browser's consecutive requests go to one instance and then the other. PostgreSQL only: SQLite is one
/// instance's.
/// </summary>
public sealed class LoadBalancerJourney : IAsyncLifetime
{
    private readonly List<PortalServer> instances = [];
    private TestDatabase database = null!;
    private MailCatcher mail = null!;
    private RoundRobinProxy proxy = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        mail = await MailCatcher.StartAsync();
        database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql, migrate: false);
        var proxyUrl = $"http://localhost:{Ports.Free()}";
        var settings = new Dictionary<string, string>
        {
            ["Portal__PublicUrl"] = proxyUrl,
            ["Email__PickupDirectory"] = "",
            ["Email__SmtpHost"] = "127.0.0.1",
            ["Email__SmtpPort"] = mail.SmtpPort.ToString(),
        };

        // One after the other, as an operator would: the first migrates and seeds, the second finds it done.
        instances.Add(await PortalServer.StartAsync(database, settings));
        instances.Add(await PortalServer.StartAsync(database, settings));
        proxy = await RoundRobinProxy.StartAsync(proxyUrl, instances.Select(i => i.BaseUrl).ToList());
        playwright = await Playwright.CreateAsync();
        browser = await PortalBrowser.LaunchChromiumAsync(playwright);
    }

    [Fact]
    public async Task ThroughTheProxy_SignIn_BulkAdd_LogInAs_AndSuspension_HoldWhicheverInstanceAnswers()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var agent = await PortalData.MemberAsync(instances[0], "Northwind Main", AccountRole.CallAgent, "Lena", $"Balance{tag}");
        var owner = await NewPageAsync();
        await new LoginPage(owner).SignInAsync("owner@northwind.test", PortalBrowser.DemoPassword);
        var agentPage = await NewPageAsync();
        await new LoginPage(agentPage).SignInAsync(agent.Email!, PortalData.Password);

        // Signed in once, each page of the walk is answered by either instance and the session holds.
        var users = new ManageUsersPage(owner);
        await users.OpenFromTheSidebarAsync("Northwind Main");
        await OnEachInstanceAsync(owner, () => owner.ReloadAsync(), () => Assertions.Expect(users.Heading).ToBeVisibleAsync());
        await OnEachInstanceAsync(agentPage, () => agentPage.GotoAsync("/"),
            () => Assertions.Expect(agentPage.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First).ToBeVisibleAsync());

        await BulkAddShowsItsProgressFromEitherInstanceAsync(owner, tag);
        await InvitationsGoOutOnceWithTheProxysAddressAsync(owner, tag);

        // Log in as: the banner is there whichever instance draws the page.
        await owner.GotoAsync("/");
        await users.OpenFromTheSidebarAsync("Northwind Main");
        await users.SearchAsync($"balance{tag}");
        await ManageUsersPage.ChooseAsync(owner, $"Lena Balance{tag}", $"Log in as Lena Balance{tag}");
        await owner.GetByLabel("Reason").FillAsync($"Load balancer journey {tag}");
        await owner.GetByRole(AriaRole.Button, new() { Name = $"Log in as Lena Balance{tag}" }).ClickAsync();
        var banner = owner.Locator("#impersonation-banner");
        // The click's navigation lands first: a reload sent while it is under way finds no page to reload.
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await OnEachInstanceAsync(owner, () => owner.ReloadAsync(), () => Assertions.Expect(banner).ToContainTextAsync($"logged in as Lena Balance{tag}"));

        await owner.GetByRole(AriaRole.Button, new() { Name = "Return to my account" }).ClickAsync();
        await Assertions.Expect(banner).ToHaveCountAsync(0);

        // A suspension made through one instance ends the agent's access on both.
        await users.OpenFromTheSidebarAsync("Northwind Main");
        await users.SearchAsync($"balance{tag}");
        await ManageUsersPage.ChooseAsync(owner, $"Lena Balance{tag}", $"Suspend Lena Balance{tag}");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Suspend User" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#status-message")).ToContainTextAsync($"Lena Balance{tag} is suspended");
        await OnEachInstanceAsync(agentPage, () => agentPage.GotoAsync($"/accounts/{agent.HomeAccountId}"),
            () => Assertions.Expect(agentPage.GetByRole(AriaRole.Heading, new() { Name = "You don't have access to this page" })).ToBeVisibleAsync());
        Assert.All(instances, i => Assert.True(proxy.Answered.GetValueOrDefault(i.BaseUrl) >= 20, $"{i.BaseUrl} answered {proxy.Answered.GetValueOrDefault(i.BaseUrl)}"));
        Assert.DoesNotContain(proxy.Log, r => r.Status >= 500);
        Assert.All(instances, i => Assert.Empty(i.Failures));
    }

    /// <summary>
    /// Loads a page again and again, checking it each time, until each instance has drawn it at least once. A page's
    /// own requests (its script, its polls) move the proxy's turn along, so two loads in a row may meet one instance.
    /// </summary>
    private async Task OnEachInstanceAsync(IPage page, Func<Task<IResponse?>> load, Func<Task> check)
    {
        var answeredBy = new HashSet<string>();
        for (var attempt = 0; attempt < 12 && answeredBy.Count < instances.Count; attempt++)
        {
            var before = proxy.Log.Count;
            await load();
            await check();
            var path = new Uri(page.Url).PathAndQuery;
            answeredBy.UnionWith(proxy.Log.Skip(before).Where(r => r.PathAndQuery == path).Select(r => r.Instance));
        }

        Assert.Equal(instances.Select(i => i.BaseUrl).Order(), answeredBy.Order());
    }

    /// <summary>
    /// An upload big enough to take a while: the page's progress bar polls through the proxy while one instance applies
    /// the batch, and the other instance answers too.
    /// </summary>
    private async Task BulkAddShowsItsProgressFromEitherInstanceAsync(IPage owner, string tag)
    {
        const int lines = 8_000;
        var csv = new StringBuilder("email,first name,last name\n");
        for (var i = 1; i <= lines; i++)
        {
            csv.Append($"big{i}.{tag}@balance.test,Big{i},Batch\n");
        }

        await owner.GetByRole(AriaRole.Link, new() { Name = "Bulk Add" }).ClickAsync();
        await owner.GetByLabel("Or upload a CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "big.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });
        await owner.GetByLabel("Role in Northwind Main, for every user of this batch").SelectOptionAsync(new SelectOptionValue { Label = "Call Agent" });
        await owner.GetByLabel("Not yet: I'll send them from the batch's summary").CheckAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(owner.Locator("[data-total='new']")).ToHaveTextAsync("8,000", new() { Timeout = 60_000 });

        // What the progress text said while the batch ran, kept in sessionStorage, which outlives the navigation to the summary.
        await owner.EvaluateAsync("""
            () => {
              const text = document.querySelector("#bulk-progress [data-progress-text]");
              new MutationObserver(() => sessionStorage.setItem("progress-seen", (sessionStorage.getItem("progress-seen") ?? "") + text.textContent + "\n"))
                .observe(text, { childList: true, characterData: true, subtree: true });
            }
            """);
        var progressUrl = proxy.Url + await owner.Locator("form[data-progress-url]").GetAttributeAsync("data-progress-url");
        // Besides the page's own polls (every half second, so few when the batch is quick), ask for the progress as often
        // as a second tab would: the proxy alternates, so both instances are asked while the batch runs. The asking starts
        // before the click, whose wait for the navigation may last as long as the batch; the progress answers 404 until
        // the batch starts, and only the 200s count below.
        var sharedCookies = owner.Context.APIRequest;
        using var stopAsking = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var asking = Task.Run(async () =>
        {
            while (!stopAsking.IsCancellationRequested)
            {
                await sharedCookies.GetAsync(progressUrl, new() { Headers = new Dictionary<string, string> { ["Accept"] = "application/json" } });
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add 8,000 users" }).ClickAsync(new() { Timeout = 120_000 });
        await owner.WaitForURLAsync(url => url.Contains("/users/bulk/"), new() { Timeout = 120_000 });
        await stopAsking.CancelAsync();
        await asking;
        await Assertions.Expect(owner.Locator("[data-count='new']")).ToHaveTextAsync("8,000");

        var apply = Assert.Single(proxy.Log, r => r.PathAndQuery.Contains("handler=Apply", StringComparison.Ordinal));
        var polls = proxy.Log.Where(r => r.PathAndQuery.Contains("handler=Progress", StringComparison.Ordinal) && r.Status == 200).ToList();
        Assert.Contains(polls, p => p.Instance != apply.Instance);
        var seen = await owner.EvaluateAsync<string>("() => sessionStorage.getItem('progress-seen') ?? ''");
        Assert.Matches($@"Preparing the users… [\d,]+ of {lines:N0} lines|Saving the users…", seen);
    }

    /// <summary>Invitations of a batch sent now: both instances run the outbox, and each e-mail reaches maildev once.</summary>
    private async Task InvitationsGoOutOnceWithTheProxysAddressAsync(IPage owner, string tag)
    {
        const int lines = 300;
        var batch = Enumerable.Range(1, lines).Select(i => $"now{i}.{tag}@balance.test,Now{i},Batch");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Back to Manage Users" }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Bulk Add" }).ClickAsync();
        await owner.GetByLabel("Or upload a CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "now.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(string.Join('\n', batch)),
        });
        await owner.GetByLabel("Role in Northwind Main, for every user of this batch").SelectOptionAsync(new SelectOptionValue { Label = "Call Agent" });
        await owner.GetByLabel("Send them now").CheckAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = $"Add {lines} users" }).ClickAsync();
        await Assertions.Expect(owner.Locator("[data-count='new']")).ToHaveTextAsync($"{lines}");

        bool Mine(CaughtEmail m) => m.To.Any(to => to.StartsWith("now", StringComparison.Ordinal) && to.EndsWith($".{tag}@balance.test", StringComparison.Ordinal));
        await mail.WaitForAsync(Mine, lines, seconds: 120);
        await Task.Delay(3_000);
        var invitations = (await mail.AllAsync()).Where(Mine).ToList();
        Assert.Equal(lines, invitations.Count);
        Assert.Equal(lines, invitations.Select(m => m.To.Single()).Distinct().Count());
        Assert.All(invitations, m => Assert.Contains(proxy.Url + "/invitation/", m.Text));
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = proxy.Url });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await proxy.DisposeAsync();
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        await database.DisposeAsync();
        await mail.DisposeAsync();
    }
}
