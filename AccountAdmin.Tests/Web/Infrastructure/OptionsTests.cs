using AccountAdmin.Core.Email;
using AccountAdmin.Tests.Infrastructure;
using AccountAdmin.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountAdmin.Tests.Web.Infrastructure;

/// <summary>A wrong setting stops the portal as it starts, with a message naming the key, instead of failing later on a page.</summary>
public abstract class OptionsTests(PortalFixture fixture)
{
    [Theory]
    [InlineData("Email:SmtpPort", "0", "Email:SmtpPort")]
    [InlineData("Email:From", "not an address", "Email:From")]
    [InlineData("Portal:PublicUrl", "admin.example.com", "Portal:PublicUrl")]
    [InlineData("Portal:KnownProxies:0", "proxy.example", "Portal:KnownProxies")]
    [InlineData("Impersonation:TimeLimit", "00:00:00", "Impersonation:TimeLimit")]
    [InlineData("SignIn:FailuresPerAddress", "0", "SignIn:FailuresPerAddress")]
    [InlineData("Identity:LinkLifespan", "90.00:00:00", "Identity:LinkLifespan")]
    [InlineData("Database:ConnectionString", "", "Database:ConnectionString")]
    public void AWrongSetting_StopsThePortalAtStart_NamingItsKey(string key, string value, string named)
    {
        using var portal = new PortalFactory(fixture.Database, new Dictionary<string, string> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException
            ?? throw new Xunit.Sdk.XunitException($"Expected an options failure, got {failure}");
        Assert.Contains(named, validation.Message);
    }

    [Fact]
    public void OutsideDevelopment_APortalWithoutItsPublicAddress_DoesNotStart()
    {
        using var portal = new PortalFactory(fixture.Database, new Dictionary<string, string> { ["environment"] = "Production" });

        var failure = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException
            ?? throw new Xunit.Sdk.XunitException($"Expected an options failure, got {failure}");
        Assert.Contains(PublicAddress.Missing, validation.Message);
    }

    [Fact]
    public void InDevelopment_LinksInEMails_GoWhereThePortalListens_UnlessAnAddressIsSet()
    {
        using var listening = new PortalFactory(fixture.Database, new Dictionary<string, string> { ["environment"] = "Development", ["urls"] = "http://127.0.0.1:5301;http://127.0.0.1:5302" });
        using var configured = new PortalFactory(fixture.Database, new Dictionary<string, string> { ["environment"] = "Development", ["urls"] = "http://127.0.0.1:5301", ["Portal:PublicUrl"] = "https://admin.example.com" });

        Assert.Equal("http://127.0.0.1:5301/invitation/abc", listening.Services.GetRequiredService<PortalAddressOptions>().Link("/invitation/abc"));
        Assert.Equal("https://admin.example.com/invitation/abc", configured.Services.GetRequiredService<PortalAddressOptions>().Link("/invitation/abc"));
    }

    [Theory]
    [InlineData(null, "http://localhost:5000")]
    [InlineData("http://127.0.0.1:5301", "http://127.0.0.1:5301")]
    [InlineData("https://+:8443;http://+:8080", "https://localhost:8443")]
    [InlineData("http://0.0.0.0:80", "http://localhost:80")]
    [InlineData("http://[::]:5000", "http://localhost:5000")]
    [InlineData("http://[::1]:5001/", "http://[::1]:5001")]
    [InlineData("http://admin.test", "http://admin.test")]
    public void TheListenAddress_AsALink(string? urls, string link) => Assert.Equal(link, PublicAddress.FromListenUrls(urls));
}

[Collection(SqliteCollection.Name)]
public sealed class OptionsSqliteTests(SqlitePortal fixture) : OptionsTests(fixture);
