using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Passkeys;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Profile;

/// <summary>"Confirm it's you": a sign-in older than ten minutes proves itself again before adding or removing a second factor.</summary>
public abstract class ConfirmTests(PortalFixture fixture)
{
    private Task<AppUser> UserAsync() => fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent));

    /// <summary>The user's sessions as if they had signed in an hour ago.</summary>
    private Task AgeSessionsAsync(AppUser user) => fixture.WithDataAsync(data => data.Db.UserSessions.Where(s => s.UserId == user.Id)
        .ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, DateTime.UtcNow.AddHours(-1))));

    private Task<List<string>> PasskeyNamesAsync(AppUser user) =>
        fixture.WithDataAsync(async data => (await data.Services.GetRequiredService<IPasskeys>().ListAsync(user.Id)).Select(p => p.Name).ToList());

    private static async Task<HttpResponseMessage> PostAsync(Browser browser, string url, Dictionary<string, string>? fields = null)
    {
        var token = (await browser.GetDocumentAsync("/profile")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return await browser.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = token }));
    }

    [Fact]
    public async Task AnOldSignIn_IsSentToConfirm_BeforeAddingOrRemovingASecondFactor_AndNothingChanges()
    {
        var user = await UserAsync();
        var id = await fixture.WithDataAsync(data => data.PasskeyAsync(user, "Phone"));
        using var browser = await fixture.SignedInAsync(user);
        await AgeSessionsAsync(user);

        using var passkeys = await browser.GetAsync("/profile/passkeys");
        using var removePage = await browser.GetAsync($"/profile/passkeys/remove?id={id}");
        using var remove = await PostAsync(browser, $"/profile/passkeys/remove?id={id}");
        using var twoFactor = await browser.GetAsync("/profile/two-factor");
        using var enable = await PostAsync(browser, "/profile/two-factor", new() { ["Input.Code"] = "123456" });

        Assert.Equal("/profile/confirm?returnUrl=%2Fprofile%2Fpasskeys", passkeys.Headers.Location?.OriginalString);
        Assert.Equal($"/profile/confirm?returnUrl={Uri.EscapeDataString($"/profile/passkeys/remove?id={id}")}", removePage.Headers.Location?.OriginalString);
        Assert.Equal($"/profile/confirm?returnUrl={Uri.EscapeDataString($"/profile/passkeys/remove?id={id}")}", remove.Headers.Location?.OriginalString);
        Assert.Equal("/profile/confirm?returnUrl=%2Fprofile%2Ftwo-factor", twoFactor.Headers.Location?.OriginalString);
        Assert.Equal("/profile/confirm?returnUrl=%2Fprofile%2Ftwo-factor", enable.Headers.Location?.OriginalString);
        Assert.Equal(["Phone"], await PasskeyNamesAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task AWrongPassword_IsRefusedAtTheField_TheRightOne_LeadsBack_AndTheChangeIsMade()
    {
        var user = await UserAsync();
        var id = await fixture.WithDataAsync(data => data.PasskeyAsync(user, "Phone"));
        using var browser = await fixture.SignedInAsync(user);
        await AgeSessionsAsync(user);
        var confirmUrl = $"/profile/confirm?returnUrl={Uri.EscapeDataString($"/profile/passkeys/remove?id={id}")}";

        using var wrong = await browser.PostFormAsync(confirmUrl, new Dictionary<string, string> { ["Password"] = "Not-the-password-at-all" }, "#confirm-form");
        using var stillOld = await browser.GetAsync("/profile/passkeys");
        using var right = await browser.PostFormAsync(confirmUrl, new Dictionary<string, string> { ["Password"] = TestData.Password }, "#confirm-form");
        using var removed = await browser.PostFormAsync($"/profile/passkeys/remove?id={id}", new Dictionary<string, string>(), "#remove-passkey-form");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("The current password is not right.", Browser.Parse(await wrong.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Password']")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, stillOld.StatusCode);
        Assert.Equal($"/profile/passkeys/remove?id={id}", right.Headers.Location?.OriginalString);
        Assert.Equal("/profile/passkeys", removed.Headers.Location?.OriginalString);
        Assert.Empty(await PasskeyNamesAsync(user));
        Assert.Equal(1, await fixture.WithDataAsync(data => data.Db.AuditEvents.CountAsync(e => e.Action == AuditActions.SignInConfirmed && e.TargetUserId == user.Id)));
    }

    [Fact]
    public async Task LoggedInAsSomeone_TheirPasswordCanNotBeTriedHere_AndNothingIsCounted()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
        });
        using var browser = await fixture.SignedInAsync(owner);
        using var started = await browser.PostFormAsync(
            $"/impersonation/start?accountId={account.Id}&userId={agent.Id}", new Dictionary<string, string>(), "#impersonation-form");

        using var wrong = await browser.PostFormAsync("/profile/confirm", new Dictionary<string, string> { ["Password"] = "A-wrong-guess-2026" }, "#confirm-form");
        using var right = await browser.PostFormAsync("/profile/confirm", new Dictionary<string, string> { ["Password"] = TestData.Password }, "#confirm-form");

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        foreach (var response in new[] { wrong, right })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("While you are logged in as someone else", Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Password']")!.TextContent);
        }

        var key = agent.Email!.ToUpperInvariant();
        Assert.False(await fixture.WithDataAsync(data => data.Db.SignInThrottles.AnyAsync(t => t.Key.StartsWith(key))));
    }

    [Fact]
    public async Task AReturnAddressElsewhere_LeadsToTheProfile_AndConfirmingNeedsASignIn()
    {
        var user = await UserAsync();
        using var browser = await fixture.SignedInAsync(user);
        using var anonymous = fixture.NewBrowser();

        using var confirmed = await browser.PostFormAsync("/profile/confirm?returnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string> { ["Password"] = TestData.Password }, "#confirm-form");
        using var notSignedIn = await anonymous.GetAsync("/profile/confirm");

        Assert.Equal("/profile", confirmed.Headers.Location?.OriginalString);
        Assert.Contains("/login", notSignedIn.Headers.Location!.ToString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConfirmSqliteTests(SqlitePortal fixture) : ConfirmTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ConfirmPostgresTests(PostgresPortal fixture) : ConfirmTests(fixture);
