using System.Net;
using AccountAdmin.Core.Data;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccountAdmin.Tests.Web.Pages.Sessions;

/// <summary>The portal as installed outside Development: HTTPS only, and cookies that never travel in the clear.</summary>
public sealed class SecureCookieTests
{
    [Fact]
    public async Task OutsideDevelopment_CookiesAreSecureOnly_HstsIsSent_AndHttpIsRedirected()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var portal = new PortalFactory(database, new Dictionary<string, string> { ["Portal:RequireHttps"] = "true" });
        var user = await WithUserAsync(portal);
        using var https = new Browser(portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://portal.example"), AllowAutoRedirect = false, HandleCookies = true,
        }));
        using var http = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var signIn = await https.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = user, ["Input.Password"] = TestData.Password,
        });
        using var plain = await http.GetAsync("/login");

        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AccountAdmin.Session="));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.True(signIn.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https", plain.Headers.Location!.Scheme);
    }

    private static async Task<string> WithUserAsync(PortalFactory portal)
    {
        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(portal.Services);
        var user = await new TestData(scope.ServiceProvider).UserAsync();
        return user.Email!;
    }
}
