using System.Text.RegularExpressions;
using AccountAdmin.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

/// <summary>
/// WCAG 2.2 AA by axe-core on every page a role can reach by following links from its home page (each address shape
/// once), at laptop and at phone width, and on the pages that show errors. One report of everything found.
/// </summary>
public abstract partial class AccessibilityJourneys(PortalBrowser portal)
{
    private const int PhoneWidth = 390;

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Id();

    /// <summary>An address's shape: ids as {id}, and of its query only what picks a screen (handler, edit), so each screen is checked once.</summary>
    private static string Shape(Uri url) =>
        Id().Replace(url.AbsolutePath, "{id}")
        + string.Concat(Regex.Matches(url.Query, "[?&](handler|edit)=([^&]+)").Select(m => $"&{m.Groups[1].Value}={m.Groups[2].Value}"));

    private static bool Follow(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.StartsWith("/logout", StringComparison.Ordinal) && !href.Contains("handler=Export", StringComparison.OrdinalIgnoreCase)
        && !href.StartsWith("/impersonation/stop", StringComparison.Ordinal);

    private static async Task<List<string>> CheckBothWidthsAsync(IPage page, string where)
    {
        var found = new List<string>();
        var desktop = await Axe.CheckAsync(page);
        if (desktop.Count > 0)
        {
            found.Add(Axe.Describe($"{where} (1366 px)", desktop));
        }

        await page.SetViewportSizeAsync(PhoneWidth, 844);
        var phone = await Axe.CheckAsync(page);
        if (phone.Count > 0)
        {
            found.Add(Axe.Describe($"{where} ({PhoneWidth} px)", phone));
        }

        // Nothing makes the whole page scroll sideways on a phone (a wide table scrolls inside its own region).
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
        {
            found.Add($"{where} ({PhoneWidth} px): the page is {overflow} px wider than the screen");
        }

        await page.SetViewportSizeAsync(1366, 900);
        return found;
    }

    /// <summary>Every page reachable from "/" by links, each shape once, up to <paramref name="limit"/>.</summary>
    private async Task<(List<string> Found, List<string> Visited)> CrawlAsync(string? email, IReadOnlyList<string> starts, int limit = 80)
    {
        var page = await portal.NewPageAsync(email);
        var seen = new HashSet<string>();
        var queue = new Queue<string>(starts);
        var start = starts[0];
        var found = new List<string>();
        var visited = new List<string>();
        while (queue.TryDequeue(out var next) && visited.Count < limit)
        {
            var response = await page.GotoAsync(next);
            var url = new Uri(page.Url);
            if (!seen.Add(Shape(url)) && !starts.Contains(next))
            {
                continue;
            }

            visited.Add($"{(int?)response?.Status} {url.PathAndQuery}");
            found.AddRange(await CheckBothWidthsAsync(page, $"{email ?? "anonymous"} {url.PathAndQuery}"));
            var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))");
            foreach (var href in hrefs.Where(Follow).Select(h => h.Split('#')[0]).Distinct())
            {
                if (!seen.Contains(Shape(new Uri(url, href))))
                {
                    queue.Enqueue(href);
                }
            }
        }

        await page.Context.CloseAsync();
        return (found, visited);
    }

    /// <summary>
    /// Each role's home page, and the screens links don't lead to from there (confirmations of a chosen user, a
    /// support console, links mailed to people, the two-factor step of a sign-in).
    /// </summary>
    private async Task<List<(string? Email, string[] Starts)>> StartsAsync()
    {
        await using var db = portal.Server.NewContext();
        var main = await db.Accounts.SingleAsync(a => a.Name == "Northwind Main");
        var agency = main.AgencyId;
        var division = await db.Divisions.Where(d => d.AgencyId == agency).Select(d => d.Id).FirstAsync();
        string UserOf(string email) => db.Users.Single(u => u.Email == email).Id.ToString();
        var agent = UserOf("agent@northwind.test");
        var invited = await db.Memberships.Where(m => m.AccountId == main.Id && m.User.PasswordHash == null).Select(m => m.UserId).FirstAsync();
        var elsewhere = UserOf("owner@contoso.test");
        var users = $"/accounts/{main.Id}/users";
        return
        [
            (null, ["/login", "/forgot-password", "/invitation/not-a-token", "/reset-password/not-a-token", "/status/404"]),
            ("agency.admin@northwind.test",
                ["/", $"/agencies/{agency}/divisions/{division}?edit=accounts", $"/agencies/{agency}/divisions/{division}?edit=users",
                    $"/agencies/{agency}/divisions/{division}?edit=admins", $"/agencies/{agency}/divisions/{division}?edit=delete",
                    $"/agencies/{agency}/divisions/{division}?edit=details"]),
            ("owner@northwind.test",
                ["/", $"{users}/{agent}", $"{users}/{agent}/divisions", $"{users}/{agent}/sessions/end", $"{users}/{agent}/two-factor/reset",
                    $"{users}/{invited}", $"{users}/{invited}/invitation", $"{users}/existing/{elsewhere}", $"{users}?q=garcia", "/profile/confirm?returnUrl=%2Fprofile"]),
            ("agent@northwind.test", ["/"]),
            ("support@accountadmin.test", ["/support", "/support?q=garcia", "/support/audit", "/profile/two-factor/disable", "/profile/two-factor/recovery-codes"]),
        ];
    }

    [Fact]
    public async Task EveryPage_PassesAxe_AtLaptopAndPhoneWidth_ForEachRole()
    {
        var found = new List<string>();
        var visited = new List<string>();
        foreach (var (email, starts) in await StartsAsync())
        {
            var (f, v) = await CrawlAsync(email, starts);
            found.AddRange(f);
            visited.AddRange(v);
        }

        // Pages with errors on them.
        var anonymous = await portal.NewPageAsync();
        await anonymous.GotoAsync("/login");
        await anonymous.GetByLabel("E-mail or username").FillAsync("owner@northwind.test");
        await anonymous.GetByLabel("Password").FillAsync("not the password");
        await anonymous.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        found.AddRange(await CheckBothWidthsAsync(anonymous, "login with a wrong password"));
        var owner = await portal.NewPageAsync("owner@northwind.test");
        await owner.GotoAsync("/");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First.ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Manage Users" }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "New User" }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        found.AddRange(await CheckBothWidthsAsync(owner, "New User with nothing filled in"));
        var secondStep = await portal.NewPageAsync();
        await new AccountAdmin.E2E.PageObjects.LoginPage(secondStep).EnterPasswordAsync("support@accountadmin.test", PortalBrowser.DemoPassword);
        await secondStep.WaitForURLAsync(url => url.Contains("/login/two-factor"));
        found.AddRange(await CheckBothWidthsAsync(secondStep, "the two-factor step of signing in"));
        await secondStep.GotoAsync("/login/recovery-code");
        found.AddRange(await CheckBothWidthsAsync(secondStep, "the recovery-code step of signing in"));

        File.WriteAllLines(Path.Combine(portal.Artifacts, "axe-visited.txt"), visited);
        File.WriteAllText(Path.Combine(portal.Artifacts, "axe-report.txt"), string.Join("\n\n", found));
        Assert.True(visited.Count > 40, $"Only {visited.Count} pages were reached:\n{string.Join("\n", visited)}");
        Assert.True(found.Count == 0, $"axe found {found.Count} pages with WCAG A/AA violations:\n\n{string.Join("\n\n", found)}");
    }
}
