using System.Net;
using AccountAdmin.Core.Data;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Infrastructure;

/// <summary>
/// The keys that sign cookies and links live in the database: a second instance on the same database (with a key folder
/// of its own) honours the first's sign-in, and an install that kept its keys in a folder brings them along.
/// </summary>
public sealed class KeyRingTests
{
    private static HttpClient RawClient(PortalFactory portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Signs in through the page, by hand, and returns the session cookie as the browser would send it back.</summary>
    private static async Task<string> SignInAsync(PortalFactory portal, string email)
    {
        using var client = RawClient(portal);
        using var form = await client.GetAsync("/login");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("AccountAdmin.Antiforgery="));
        var token = Browser.Parse(await form.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.SignInName"] = email, ["Input.Password"] = TestData.Password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("AccountAdmin.Session="));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ASecondInstance_OnTheSameDatabase_HonoursTheFirstsSignIn(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new PortalFactory(database);
        await using var second = new PortalFactory(database);
        string email;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            email = (await new TestData(scope.ServiceProvider).UserAsync("twice", "Tia", "Twice")).Email!;
        }

        var cookie = await SignInAsync(first, email);
        using var client = RawClient(second);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profile");
        request.Headers.Add("Cookie", cookie);
        using var profile = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains(email, await profile.Content.ReadAsStringAsync());
        await using var db = database.NewContext();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task AnInstallThatKeptItsKeysInAFolder_BringsThemIntoTheDatabase_AndWhatTheySignedStillReads()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"accountadmin-oldkeys-{Guid.NewGuid():N}");
        var before = DataProtectionProvider.Create(new DirectoryInfo(folder), b => b.SetApplicationName("AccountAdmin"));
        var sealedBefore = before.CreateProtector("upgrade-test").Protect("signed by the folder's key");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);

        await using var portal = new PortalFactory(database, new Dictionary<string, string> { ["DataProtection:KeysFolder"] = folder });
        using var client = RawClient(portal);
        using var _ = await client.GetAsync("/login");

        await using var db = database.NewContext();
        Assert.Equal(Directory.GetFiles(folder, "key-*.xml").Length, await db.DataProtectionKeys.CountAsync());
        Assert.Equal("signed by the folder's key", portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade-test").Unprotect(sealedBefore));
    }
}
