using Microsoft.Playwright;

namespace AccountAdmin.E2E.PageObjects;

public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string signInName, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail or username").FillAsync(signInName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login"));
    }

    /// <summary>The password only: for a user with two-factor on, the browser is then at the code step.</summary>
    public async Task EnterPasswordAsync(string signInName, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail or username").FillAsync(signInName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Signs out from the sign-out page, and sees that it did.</summary>
    public async Task SignOutAsync()
    {
        await page.GotoAsync("/logout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("You are signed out.");
    }
}
