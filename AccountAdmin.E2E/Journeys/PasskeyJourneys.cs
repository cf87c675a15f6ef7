using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.E2E.Infrastructure;
using AccountAdmin.E2E.PageObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Journeys;

public abstract class PasskeyJourneys(PortalBrowser portal)
{
    /// <summary>
    /// Chromium's virtual authenticator (DevTools' WebAuthn domain) on this page: a platform authenticator that keeps
    /// discoverable credentials and verifies its user, as a laptop's fingerprint reader would.
    /// </summary>
    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["ctap2Version"] = "ctap2_1",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }

    [Fact]
    public async Task AddAPasskey_SignOut_SignInWithItAlone_RenameIt_RemoveIt_AndItNoLongerSignsIn()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var user = await PortalData.MemberAsync(portal.Server, "Northwind Main", AccountRole.CallAgent, "Pia", $"Passkey{tag}");
        var page = await portal.NewPageAsync();
        await AddVirtualAuthenticatorAsync(page);
        await new LoginPage(page).SignInAsync(user.Email!, PortalData.Password);

        await page.GotoAsync("/profile");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Passkeys", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Name of the passkey").FillAsync("Journey laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("Passkey \"Journey laptop\" added");
        await Assertions.Expect(page.Locator("#passkey-list [data-passkey-name]")).ToHaveTextAsync(["Journey laptop"]);
        await portal.ScreenshotAsync(page, "passkeys-added");
        await new LoginPage(page).SignOutAsync();

        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        await page.GotoAsync("/profile");
        await Assertions.Expect(page.Locator("#passkeys-summary")).ToContainTextAsync("1 passkey");
        await using (var db = portal.Server.NewContext())
        {
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignedIn && e.TargetUserId == user.Id && e.Details!.Contains("With a passkey")));
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Manage passkeys" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Rename Journey laptop" }).ClickAsync();
        await page.GetByLabel("New name").FillAsync("Old laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passkey-list [data-passkey-name]")).ToHaveTextAsync(["Old laptop"]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove Old laptop" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Remove Old laptop?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("#no-passkeys")).ToBeVisibleAsync();
        await new LoginPage(page).SignOutAsync();

        // The authenticator still offers the passkey; the portal no longer knows it.
        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passkey-error")).ToContainTextAsync("That passkey did not sign you in");
        await portal.ScreenshotAsync(page, "passkey-sign-in-refused");
    }
}
