using System.Text.RegularExpressions;
using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class TwoFactorJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task SetUpAnAuthenticatorApp_SignOut_SignInWithItsCode_ThenWithARecoveryCode_WhichWorksOnce()
    {
        var user = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Tess", "Totp");
        var page = await portal.NewPageAsync();
        var login = new LoginPage(page);
        var step = new CodeStepPage(page);
        await login.SignInAsync(user.Email!, PortalData.Password);

        await page.GotoAsync("/profile");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        await portal.ScreenshotAsync(page, "two-factor-setup");
        var (key, codes) = await new TwoFactorSetupPage(page).TurnOnAsync();
        Assert.Equal(10, codes.Count);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#recovery-codes-left")).ToContainTextAsync("10 recovery codes left");
        await new LoginPage(page).SignOutAsync();

        await login.EnterPasswordAsync(user.Email!, PortalData.Password);
        await Assertions.Expect(step.Heading).ToBeVisibleAsync();
        await step.EnterCodeAsync(Totp.Now(key, steps: -10));
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Code']")).ToContainTextAsync("not right, or it has expired");
        await portal.ScreenshotAsync(page, "two-factor-code-refused");
        // The code of this half-minute turned two-factor on and works once: the app's next one, which the portal takes too.
        await step.EnterCodeAsync(Totp.Now(key, steps: 1));
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/login"));
        await page.GotoAsync("/profile");
        await Assertions.Expect(page.Locator("#two-factor [data-two-factor]")).ToHaveTextAsync("Two-factor on");
        await new LoginPage(page).SignOutAsync();

        await login.EnterPasswordAsync(user.Email!, PortalData.Password);
        await step.UseRecoveryCodeAsync(codes[0].ToLowerInvariant());
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("you have 9 recovery codes left");
        await new LoginPage(page).SignOutAsync();

        await login.EnterPasswordAsync(user.Email!, PortalData.Password);
        await step.UseRecoveryCodeAsync(codes[0]);
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.RecoveryCode']")).ToContainTextAsync("used already");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login/recovery-code"));
        await portal.ScreenshotAsync(page, "two-factor-recovery-code-used");
    }

    [Fact]
    public async Task SupportStaff_WithoutASecondFactor_AreLedToSetItUp_BeforeAnythingElse()
    {
        var support = await PortalData.SupportStaffAsync(portal.Server, "Nia", "Newsupport");
        var page = await portal.NewPageAsync(width: 390, height: 844);
        await new LoginPage(page).SignInAsync(support.Email!, PortalData.Password);

        var setup = new TwoFactorSetupPage(page);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/profile/two-factor$"));
        await Assertions.Expect(setup.Required).ToContainTextAsync("Until you set one up, this and Passkeys are the only pages you can open.");
        await portal.ScreenshotAsync(page, "two-factor-required-phone");
        await page.GotoAsync("/support");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/profile/two-factor$"));

        await setup.TurnOnAsync();
        await Assertions.Expect(setup.Required).ToHaveCountAsync(0);
        await page.GotoAsync("/support");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/support$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "User" })).ToBeVisibleAsync();
    }
}
