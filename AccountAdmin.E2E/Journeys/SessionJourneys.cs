using System.Text.RegularExpressions;
using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class SessionJourneys(PortalBrowser portal)
{
    [Fact]
    public async Task ForgotPassword_TheEMailedLink_SetsANewPassword_WhichSignsIn_AndOtherBrowsersAreSignedOut()
    {
        var user = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Fern", "Forgot");
        var elsewhere = await portal.NewPageAsync();
        await new LoginPage(elsewhere).SignInAsync(user.Email!, PortalData.Password);

        var page = await portal.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("E-mail or username").FillAsync(user.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        var mail = (await portal.Mail.WaitForAsync(user.Email!)).Single(m => m.Subject == "Reset your AccountAdmin password");
        await page.GotoAsync(Regex.Match(mail.Text, @"https?://\S+/reset-password/\S+").Value);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Quiet-Lantern-2026!");
        await page.GetByLabel("New password again").FillAsync("Quiet-Lantern-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("Your password is reset");

        await new LoginPage(page).SignInAsync(user.Email!, "Quiet-Lantern-2026!");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Northwind Main" }).First).ToBeVisibleAsync();
        await elsewhere.GotoAsync("/profile");
        Assert.Contains("/login", elsewhere.Url);
    }

    [Fact]
    public async Task OnTheLaptop_EndThePhonesSession_AndThePhonesNextClickGoesToSignIn()
    {
        var user = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Sean", "Sessions");
        var phone = await portal.NewPageAsync(width: 390, height: 844);
        await new LoginPage(phone).SignInAsync(user.Email!, PortalData.Password);
        var laptop = await portal.NewPageAsync();
        await new LoginPage(laptop).SignInAsync(user.Email!, PortalData.Password);

        await laptop.GotoAsync("/profile");
        var sessions = laptop.Locator("#session-list [data-session-id]");
        await Assertions.Expect(sessions).ToHaveCountAsync(2);
        await Assertions.Expect(laptop.Locator("#this-browser")).ToHaveCountAsync(1);
        await portal.ScreenshotAsync(laptop, "sessions-on-profile");
        var other = sessions.Filter(new() { HasNot = laptop.Locator("#this-browser") });
        await other.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^End the session of ") }).ClickAsync();
        await Assertions.Expect(laptop.Locator("#status-message")).ToContainTextAsync("That browser is signed out");
        await Assertions.Expect(sessions).ToHaveCountAsync(1);

        await phone.GotoAsync("/profile");
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex("/login"));
        await laptop.ReloadAsync();
        await Assertions.Expect(laptop).ToHaveURLAsync(new Regex("/profile$"));
    }
}
