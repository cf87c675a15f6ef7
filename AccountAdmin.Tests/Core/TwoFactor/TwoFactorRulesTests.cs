using AccountAdmin.Core.Model;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Tests.Infrastructure;

namespace AccountAdmin.Tests.Core.TwoFactor;

public sealed class TwoFactorRulesTests
{
    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12345a", null)]
    [InlineData("١٢٣٤٥٦", null)]
    [InlineData("", null)]
    public void ACode_IsSixDigits_HoweverItWasSpaced(string typed, string? code) => Assert.Equal(code, TwoFactorRules.Code(typed));

    [Theory]
    [InlineData("BCDFG-23456", "BCDFG-23456")]
    [InlineData("bcdfg23456", "BCDFG-23456")]
    [InlineData(" bcdfg 23456 ", "BCDFG-23456")]
    [InlineData("BCDFG-2345", null)]
    [InlineData("BCDFG-23456-X", null)]
    [InlineData("BCDF!-23456", null)]
    public void ARecoveryCode_IsReadInAnyCase_WithOrWithoutItsDash(string typed, string? code) => Assert.Equal(code, TwoFactorRules.RecoveryCode(typed));

    [Fact]
    public void TheAppsAddress_NamesThePortalAndTheUser_AndCarriesTheKey_WhichAnAppTurnsIntoTheSameCodes()
    {
        const string key = "JBSWY3DPEHPK3PXP";

        var uri = new Uri(TwoFactorRules.AuthenticatorUri("ann+test@example.com", key));

        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        Assert.Equal("/AccountAdmin:ann%2Btest%40example.com", uri.AbsolutePath);
        Assert.Contains($"secret={key}", uri.Query);
        Assert.Contains("issuer=AccountAdmin", uri.Query);
        Assert.Equal("jbsw y3dp ehpk 3pxp", TwoFactorRules.FormatKey(key));
        Assert.Equal(Totp.Now(key), Totp.Now(TwoFactorRules.FormatKey(key)));
    }

    [Fact]
    public void TheTestsAuthenticator_MatchesRfc6238sOwnExample()
    {
        // RFC 6238, appendix B: the SHA-1 key "12345678901234567890", at 59 s, gives 94287082 (here its last six digits).
        const string rfcKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

        Assert.Equal("287082", Totp.Code(rfcKey, DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal("081804", Totp.Code(rfcKey, DateTimeOffset.FromUnixTimeSeconds(1111111109)));
    }
}
