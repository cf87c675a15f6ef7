using Microsoft.Playwright;

namespace AccountAdmin.E2E.PageObjects;

public sealed class ManageUsersPage(IPage page)
{
    public ILocator Rows => page.Locator("#users tbody tr");

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Manage Users" });

    public async Task OpenFromTheSidebarAsync(string accountName)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = accountName }).First.ClickAsync();
        await OpenTheMenuOnAPhoneAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Manage Users" }).ClickAsync();
        await Heading.WaitForAsync();
        // The filters submit themselves from site.js, which runs at the end of the page: on a loaded machine the heading
        // shows before it has run.
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public async Task SearchAsync(string text)
    {
        await page.GetByLabel("Search").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q="));
    }

    public async Task<IReadOnlyList<string>> NamesAsync() =>
        (await Rows.Locator("td:nth-child(2) .fw-semibold").AllInnerTextsAsync()).Select(n => n.Trim()).ToList();

    public async Task<IReadOnlyList<string>> EmailsAsync() =>
        (await Rows.Locator("td:nth-child(3)").AllInnerTextsAsync()).Select(n => n.Split('\n')[0].Trim()).ToList();

    /// <summary>On a phone the navigation is one "Menu" tap away; on a laptop it is always open.</summary>
    public static async Task OpenTheMenuOnAPhoneAsync(IPage page)
    {
        var menu = page.Locator("#side-nav > summary");
        if (await menu.IsVisibleAsync() && await page.Locator("#side-nav[open]").CountAsync() == 0)
        {
            await menu.ClickAsync();
        }
    }

    /// <summary>A row's action from its "More actions" menu, opened as a user would.</summary>
    public static async Task ChooseAsync(IPage page, string userName, string action)
    {
        await page.GetByLabel($"More actions for {userName}", new() { Exact = true }).ClickAsync();
        await page.GetByLabel(action, new() { Exact = true }).ClickAsync();
    }

    public Task NextPageAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();

    public Task PreviousPageAsync() => page.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();
}
