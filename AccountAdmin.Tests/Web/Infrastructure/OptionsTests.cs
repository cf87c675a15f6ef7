using AccountAdmin.Tests.Infrastructure;
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
}

[Collection(SqliteCollection.Name)]
public sealed class OptionsSqliteTests(SqlitePortal fixture) : OptionsTests(fixture);
