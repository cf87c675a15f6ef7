using System.Net;
using System.Text.Json;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Passkeys;
using AccountAdmin.Tests.Infrastructure;
using AccountAdmin.Web.Pages.Sessions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Profile;

/// <summary>
/// The passkey pages and the passkey sign-in over HTTP: who may open them, ids of other users' passkeys, and forged or
/// missing WebAuthn answers. A real passkey is made and used in Chromium by the E2E suite's virtual authenticator.
/// </summary>
public abstract class PasskeysTests(PortalFixture fixture)
{
    private const string Url = "/profile/passkeys";

    private Task<AppUser> UserAsync() => fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent));

    private Task<List<string>> NamesAsync(AppUser user) =>
        fixture.WithDataAsync(async data => (await data.Services.GetRequiredService<IPasskeys>().ListAsync(user.Id)).Select(p => p.Name).ToList());

    private static async Task<string> TokenAsync(Browser browser, string url) =>
        (await browser.GetDocumentAsync(url)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    private static async Task<HttpResponseMessage> PostAsync(Browser browser, string tokenFrom, string url, Dictionary<string, string>? fields = null) =>
        await browser.Client.PostAsync(url, new FormUrlEncodedContent(
            new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = await TokenAsync(browser, tokenFrom) }));

    private static async Task<string> TextAsync(HttpResponseMessage response, string selector) =>
        Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(selector)?.TextContent.Trim() ?? "";

    [Fact]
    public async Task ThePasskeyPages_AreForSignedInUsersOnly()
    {
        using var anonymous = fixture.NewBrowser();

        foreach (var url in new[] { Url, $"{Url}/rename?id=AAAA", $"{Url}/remove?id=AAAA" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/login", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task MyPasskeys_AreListed_Renamed_AtTheField_AndRemoved()
    {
        var user = await UserAsync();
        var id = await fixture.WithDataAsync(data => data.PasskeyAsync(user, "Phone"));
        using var browser = await fixture.SignedInAsync(user);

        var list = await browser.GetDocumentAsync(Url);
        using var empty = await browser.PostFormAsync($"{Url}/rename?id={id}", new Dictionary<string, string> { ["Name"] = " " }, "#rename-passkey-form");
        using var renamed = await browser.PostFormAsync($"{Url}/rename?id={id}", new Dictionary<string, string> { ["Name"] = "Old phone" }, "#rename-passkey-form");
        var profile = await browser.GetDocumentAsync("/profile");
        var confirm = await browser.GetDocumentAsync($"{Url}/remove?id={id}");
        using var removed = await browser.PostFormAsync($"{Url}/remove?id={id}", new Dictionary<string, string>(), "#remove-passkey-form");

        Assert.Equal("Phone", list.QuerySelector($"[data-passkey-id='{id}'] [data-passkey-name]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Give the passkey a name", await TextAsync(empty, "[data-valmsg-for='Name']"));
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("1 passkey", profile.QuerySelector("#passkeys-summary")!.TextContent);
        Assert.Equal("on", profile.QuerySelector("#two-factor [data-two-factor]")!.GetAttribute("data-two-factor"));
        Assert.NotNull(profile.QuerySelector("#passkeys-are-second-factor"));
        Assert.Equal("Remove Old phone?", confirm.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await NamesAsync(user));
        Assert.NotNull((await browser.GetDocumentAsync(Url)).QuerySelector("#no-passkeys"));
        Assert.Equal("off", (await browser.GetDocumentAsync("/profile")).QuerySelector("#two-factor [data-two-factor]")!.GetAttribute("data-two-factor"));
    }

    [Fact]
    public async Task AnotherUsersPasskeyId_IsNotFound_ToRead_Rename_OrRemove_AndStaysTheirs()
    {
        var owner = await UserAsync();
        var stranger = await UserAsync();
        var id = await fixture.WithDataAsync(data => data.PasskeyAsync(owner, "Phone"));
        using var browser = await fixture.SignedInAsync(stranger);

        var list = await browser.GetDocumentAsync(Url);
        using var readRename = await browser.GetAsync($"{Url}/rename?id={id}");
        using var readRemove = await browser.GetAsync($"{Url}/remove?id={id}");
        using var rename = await PostAsync(browser, Url, $"{Url}/rename?id={id}", new() { ["Name"] = "Stolen" });
        using var remove = await PostAsync(browser, Url, $"{Url}/remove?id={id}");
        using var malformed = await PostAsync(browser, Url, $"{Url}/remove?id=not-base64!");

        Assert.Null(list.QuerySelector("[data-passkey-id]"));
        Assert.All([readRename, readRemove, rename, remove, malformed], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(["Phone"], await NamesAsync(owner));
    }

    [Fact]
    public async Task AddingOne_AsksTheBrowserWithAChallengeForThisSite_AndAForgedOrMissingAnswer_IsRefusedAtTheName()
    {
        var user = await UserAsync();
        using var browser = await fixture.SignedInAsync(user);

        using var options = await PostAsync(browser, Url, $"{Url}?handler=Options", new() { ["Input.Name"] = "Laptop" });
        using var json = JsonDocument.Parse(await options.Content.ReadAsStringAsync());
        using var forged = await browser.PostFormAsync(Url, new Dictionary<string, string>
        {
            ["Input.Name"] = "Laptop",
            ["Input.Credential"] = """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"AAAA","attestationObject":"AAAA"}}""",
        }, "#add-passkey-form");
        using var empty = await browser.PostFormAsync(Url, new Dictionary<string, string> { ["Input.Name"] = "Laptop", ["Input.Credential"] = "{}" }, "#add-passkey-form");
        using var cancelled = await browser.PostFormAsync(Url, new Dictionary<string, string> { ["Input.Name"] = "Laptop", ["Input.Error"] = "cancelled" }, "#add-passkey-form");
        using var unnamed = await browser.PostFormAsync(Url, new Dictionary<string, string> { ["Input.Name"] = "" }, "#add-passkey-form");

        Assert.Equal("application/json", options.Content.Headers.ContentType!.MediaType);
        Assert.Equal("localhost", json.RootElement.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(user.Email, json.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.True(json.RootElement.GetProperty("challenge").GetString()!.Length >= 40);
        Assert.Equal(PasskeyErrors.NotMade.Message, await TextAsync(forged, "[data-valmsg-for='Input.Name']"));
        Assert.Equal(PasskeyErrors.NotMade.Message, await TextAsync(empty, "[data-valmsg-for='Input.Name']"));
        Assert.Contains("cancelled or timed out", await TextAsync(cancelled, "[data-valmsg-for='Input.Name']"));
        Assert.Contains("Give the passkey a name", await TextAsync(unnamed, "[data-valmsg-for='Input.Name']"));
        Assert.Empty(await NamesAsync(user));
    }

    [Fact]
    public async Task WithTheMostPasskeys_NoneIsOffered_TheBrowserIsNotAsked_AndAPostSaysWhy()
    {
        var user = await UserAsync();
        for (var i = 0; i < PasskeyRules.MaxPerUser; i++)
        {
            await fixture.WithDataAsync(data => data.PasskeyAsync(user, $"Key {i}"));
        }

        using var browser = await fixture.SignedInAsync(user);

        var page = await browser.GetDocumentAsync(Url);
        using var options = await PostAsync(browser, Url, $"{Url}?handler=Options", new() { ["Input.Name"] = "One more" });
        using var posted = await PostAsync(browser, Url, Url, new() { ["Input.Name"] = "One more", ["Input.Error"] = "failed" });

        Assert.Null(page.QuerySelector("#add-passkey-form"));
        Assert.Contains("the most there can be", page.QuerySelector("#passkeys-full")!.TextContent);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, options.StatusCode);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(PasskeyErrors.TooMany.Message, await TextAsync(posted, "#passkeys-full"));
        Assert.Equal(PasskeyRules.MaxPerUser, (await NamesAsync(user)).Count);
    }

    [Fact]
    public async Task ASignInThatWouldGrowTooOld_WhileTheBrowserAsks_ConfirmsFirst()
    {
        var user = await UserAsync();
        using var browser = await fixture.SignedInAsync(user);
        var token = await TokenAsync(browser, Url);
        await fixture.WithDataAsync(data => data.Db.UserSessions.Where(s => s.UserId == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, DateTime.UtcNow.AddMinutes(-7))));

        using var options = await browser.Client.PostAsync($"{Url}?handler=Options", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Input.Name"] = "Laptop", ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Conflict, options.StatusCode);
    }

    [Fact]
    public async Task LoggedInAsSomeone_TheirPasskeys_CanBeNeitherAdded_Renamed_NorRemoved()
    {
        var (account, owner, agent) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
        });
        var id = await fixture.WithDataAsync(data => data.PasskeyAsync(agent, "Phone"));
        using var browser = await fixture.SignedInAsync(owner);
        using var started = await browser.PostFormAsync(
            $"/impersonation/start?accountId={account.Id}&userId={agent.Id}", new Dictionary<string, string>(), "#impersonation-form");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);

        var page = await browser.GetDocumentAsync(Url);
        using var options = await PostAsync(browser, Url, $"{Url}?handler=Options");
        using var rename = await PostAsync(browser, Url, $"{Url}/rename?id={id}", new() { ["Name"] = "Renamed by someone else" });
        using var remove = await PostAsync(browser, Url, $"{Url}/remove?id={id}");

        Assert.NotNull(page.QuerySelector("#passkeys-while-impersonating"));
        Assert.Null(page.QuerySelector("#add-passkey-form"));
        Assert.Equal(HttpStatusCode.Forbidden, options.StatusCode);
        Assert.Contains("While you are logged in as someone else", await TextAsync(rename, "[data-valmsg-for='Name']"));
        Assert.Contains("While you are logged in as someone else", await TextAsync(remove, ".alert-danger"));
        Assert.Equal(["Phone"], await NamesAsync(agent));
    }

    [Fact]
    public async Task SigningIn_TheChallengeNamesNoUser_AndAForgedOrCancelledAnswer_SignsNobodyIn()
    {
        using var browser = fixture.NewBrowser();

        using var options = await PostAsync(browser, "/login", "/login?handler=PasskeyOptions");
        using var json = JsonDocument.Parse(await options.Content.ReadAsStringAsync());
        using var forged = await browser.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Credential"] = """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"AAAA","authenticatorData":"AAAA","signature":"AAAA"}}""",
        }, "#passkey-sign-in-form");
        using var cancelled = await browser.PostFormAsync("/login", new Dictionary<string, string> { ["Error"] = "cancelled" }, "#passkey-sign-in-form");
        using var home = await browser.GetAsync("/");

        Assert.Equal("localhost", json.RootElement.GetProperty("rpId").GetString());
        Assert.False(json.RootElement.TryGetProperty("allowCredentials", out var allowed) && allowed.GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(LoginModel.PasskeyFailedMessage, await TextAsync(forged, "#passkey-error"));
        Assert.Equal(LoginModel.PasskeyCancelledMessage, await TextAsync(cancelled, "#passkey-error"));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/login", home.Headers.Location!.ToString());
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignInFailed && e.Details!.Contains("a passkey"))));
    }

    [Fact]
    public async Task SupportStaffWithOnlyAPasskey_MustSignInWithIt_NotWithThePasswordAlone_AndWithoutOne_MayOpenThisPage()
    {
        var (withPasskey, without) = await fixture.WithDataAsync(async data =>
        {
            var first = await data.UserAsync();
            var second = await data.UserAsync();
            foreach (var id in new[] { first.Id, second.Id })
            {
                (await data.Db.Users.SingleAsync(u => u.Id == id)).MakeSupportStaff();
            }

            await data.Db.SaveChangesAsync();
            await data.PasskeyAsync(first);
            return (first, second);
        });
        using var first = fixture.NewBrowser();
        using var second = fixture.NewBrowser();

        using var passwordOnly = await first.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = withPasskey.Email!, ["Input.Password"] = TestData.Password,
        });
        var told = await first.GetDocumentAsync(passwordOnly.Headers.Location!.OriginalString);
        using var support = await first.GetAsync("/support");
        using var led = await second.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = without.Email!, ["Input.Password"] = TestData.Password,
        });
        using var passkeys = await second.GetAsync(Url);

        Assert.Equal("/login?need=passkey", passwordOnly.Headers.Location?.OriginalString);
        Assert.Equal(LoginModel.PasskeyRequiredMessage, told.QuerySelector("#passkey-error")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, support.StatusCode);
        Assert.Contains("/login", support.Headers.Location!.ToString());
        Assert.Equal("/profile/two-factor", led.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, passkeys.StatusCode);
    }

    [Fact]
    public async Task ACustomerWithAPasskey_AndNoRequirement_MaySignInWithThePassword()
    {
        var user = await UserAsync();
        await fixture.WithDataAsync(data => data.PasskeyAsync(user));
        using var browser = fixture.NewBrowser();

        using var signedIn = await browser.PostFormAsync("/login", new Dictionary<string, string> { ["Input.SignInName"] = user.Email!, ["Input.Password"] = TestData.Password });

        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PasskeysSqliteTests(SqlitePortal fixture) : PasskeysTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PasskeysPostgresTests(PostgresPortal fixture) : PasskeysTests(fixture);
