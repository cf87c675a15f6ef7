using AccountAdmin.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.PageObjects;

/// <summary>/profile/two-factor: the QR code and key to set an app up with, confirmed by the app's first code.</summary>
public sealed class TwoFactorSetupPage(IPage page)
{
    public ILocator Required => page.Locator("#two-factor-required");

    /// <summary>Scans the page as a phone would (by its key), turns two-factor on, and returns the key and the recovery codes shown once.</summary>
    public async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> TurnOnAsync()
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code to scan with your authenticator app" })).ToBeVisibleAsync();
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Trim();
        await page.GetByLabel("Code from the app").FillAsync(Totp.Now(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Save these codes now" })).ToBeVisibleAsync();
        var codes = await page.GetByRole(AriaRole.List, new() { Name = "Your recovery codes" }).GetByRole(AriaRole.Listitem).AllTextContentsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved them" }).ClickAsync();
        return (key, codes);
    }
}

/// <summary>/login/two-factor and /login/recovery-code: the second step of signing in.</summary>
public sealed class CodeStepPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Enter your code" });

    public async Task EnterCodeAsync(string code, bool rememberBrowser = false)
    {
        await page.GetByLabel("Code from your authenticator app").FillAsync(code);
        if (rememberBrowser)
        {
            await page.GetByLabel("Don't ask for a code on this browser for 30 days").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    public async Task UseRecoveryCodeAsync(string code)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }
}
