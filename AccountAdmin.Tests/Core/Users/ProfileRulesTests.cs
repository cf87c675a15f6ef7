using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;

namespace AccountAdmin.Tests.Core.Users;

public sealed class ProfileRulesTests
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46];
    public static readonly byte[] WebP = [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8];

    private static UserSettingsValues With(Func<UserSettingsValues, UserSettingsValues> change) => change(UserSettingsValues.Defaults);

    private static IEnumerable<string> FieldsOf(UserSettingsValues values) => ProfileRules.Settings(values).Errors.Select(e => e.Field);

    [Fact]
    public void Pictures_AreKnownByTheirContent_NotTheirName()
    {
        Assert.Equal("image/png", ProfileRules.PictureType(Png));
        Assert.Equal("image/jpeg", ProfileRules.PictureType(Jpeg));
        Assert.Equal("image/webp", ProfileRules.PictureType(WebP));
        Assert.Null(ProfileRules.PictureType("GIF89a......"u8));
        Assert.Null(ProfileRules.PictureType("<svg xmlns='http://www.w3.org/2000/svg'/>"u8));
        Assert.Null(ProfileRules.PictureType("RIFF....WAVEfmt "u8));
        Assert.Null(ProfileRules.PictureType([]));
    }

    [Fact]
    public void APicture_Of2MBOrMore_IsRefused_AndOneJustUnderIsTaken()
    {
        var large = new byte[ProfileRules.MaxPictureBytes + 1];
        Png.CopyTo(large, 0);
        var fits = new byte[ProfileRules.MaxPictureBytes];
        Png.CopyTo(fits, 0);

        Assert.Equal(UserErrors.PictureTooLarge, ProfileRules.Picture(large).Error);
        Assert.Equal(("image/png", (CommandError?)null), ProfileRules.Picture(fits));
        Assert.Equal(UserErrors.PictureNotImage, ProfileRules.Picture("hello"u8.ToArray()).Error);
    }

    [Fact]
    public void TheDefaults_AreValid()
    {
        Assert.Empty(ProfileRules.Settings(UserSettingsValues.Defaults).Errors);
    }

    [Theory]
    [InlineData(16, true)]
    [InlineData(64, true)]
    [InlineData(33, false)]
    [InlineData(0, false)]
    [InlineData(128, false)]
    public void TheBitrate_IsOneOfTheList(int bitrate, bool valid)
    {
        Assert.Equal(valid, !FieldsOf(With(v => v with { SoftphoneBitrate = bitrate })).Contains("Settings.SoftphoneBitrate"));
    }

    [Theory]
    [InlineData("sip:agent@pbx.example.com", true)]
    [InlineData("sips:agent.one@10.0.0.5:5061", true)]
    [InlineData("agent@pbx.example.com", true)]
    [InlineData("sip:agent", false)]
    [InlineData("sip:agent@", false)]
    [InlineData("sip:a b@example.com", false)]
    [InlineData("http://example.com", false)]
    public void TheSipAddress_IsChecked(string address, bool valid)
    {
        Assert.Equal(valid, !FieldsOf(With(v => v with { SipAddress = address })).Contains("Settings.SipAddress"));
    }

    [Fact]
    public void ASipAddressWithoutItsScheme_GetsSip()
    {
        Assert.Equal("sip:agent@pbx.example.com", ProfileRules.Settings(With(v => v with { SipAddress = " agent@pbx.example.com " })).Values.SipAddress);
    }

    [Fact]
    public void TheDirectDialNumber_IsE164_AndAnExtensionNeedsANumber()
    {
        Assert.Contains("Settings.DirectDialNumber", FieldsOf(With(v => v with { DirectDialNumber = "555-0123" })));
        Assert.Contains("Settings.DirectDialNumber", FieldsOf(With(v => v with { DirectDialExtension = "12" })));
        Assert.Contains("Settings.DirectDialExtension", FieldsOf(With(v => v with { DirectDialNumber = "+14155550123", DirectDialExtension = "12a" })));
        Assert.Empty(FieldsOf(With(v => v with { DirectDialNumber = "+14155550123", DirectDialExtension = "1234" })));
    }

    [Fact]
    public void ExternalIds_AndEnums_AreChecked_AndBlanksBecomeNull()
    {
        Assert.Contains("Settings.SalesforceId", FieldsOf(With(v => v with { SalesforceId = "=HYPERLINK(1)" })));
        Assert.Contains("Settings.StripeId", FieldsOf(With(v => v with { StripeId = "cus 1" })));
        Assert.Contains("Settings.LandingPage", FieldsOf(With(v => v with { LandingPage = (LandingPage)99 })));
        Assert.Contains("Settings.MissedCallEmail", FieldsOf(With(v => v with { MissedCallEmail = 0 })));
        var cleaned = ProfileRules.Settings(With(v => v with { SalesforceId = "  ", StripeId = " cus_NffrFeUfNV2Hib " })).Values;
        Assert.Null(cleaned.SalesforceId);
        Assert.Equal("cus_NffrFeUfNV2Hib", cleaned.StripeId);
    }

    [Theory]
    [InlineData("+14155550123", true)]
    [InlineData("", true)]
    [InlineData("4155550123", false)]
    [InlineData("+0123456789", false)]
    public void ThePhone_IsE164(string phone, bool valid)
    {
        Assert.Equal(valid, !ProfileRules.Identity("a@example.com", "A", "B", phone).Any());
    }

    [Theory]
    [InlineData("dots..x@example.test")]
    [InlineData("zoë@example.test")]
    [InlineData("Ann <ann@example.test>")]
    [InlineData("ann@example.test, bo@example.test")]
    [InlineData("ann@exämple-.test")]
    public void AnEmail_TheSenderCannotSendTo_IsRefusedAtTheEmailField(string email)
    {
        var error = Assert.Single(ProfileRules.Identity(email, "A", "B", null));

        Assert.Equal(("Email", "Enter a valid e-mail address, such as name@example.com."), (error.Field, error.Message));
        Assert.False(AccountAdmin.Core.Email.EmailAddresses.IsSendable(email));
    }

    [Fact]
    public void Names_WithControlCharacters_OrOver100Characters_AreRefusedAtTheirOwnField()
    {
        Assert.Equal([UserErrors.FirstNameControl], ProfileRules.Identity("a@example.com", "An\u0007n", "Lee", null));
        Assert.Equal([UserErrors.FirstNameLength], ProfileRules.Identity("a@example.com", new string('A', 101), "Lee", null));
        Assert.Equal([UserErrors.LastNameControl], ProfileRules.Identity("a@example.com", "Ann", "Le\u0007e", null));
        Assert.Equal([UserErrors.LastNameLength], ProfileRules.Identity("a@example.com", "Ann", new string('L', 101), null));
        Assert.Empty(ProfileRules.Identity("a@example.com", $"  {new string('A', 100)}  ", $" {new string('L', 100)} ", " +14155550123 "));
    }

    [Fact]
    public void AnEmail_WithALineBreakOrTab_IsRefused_EvenAtItsEnd()
    {
        Assert.Equal([UserErrors.InvalidEmail], ProfileRules.Identity("ann@example.com\n", "Ann", "Lee", null));
        Assert.Equal("not a valid e-mail address", ProfileRules.EmailProblem("\tann@example.com"));
        Assert.Null(ProfileRules.EmailProblem(" ann@example.com "));
    }

    [Fact]
    public void AnEmail_Over256Characters_IsCalledTooLong()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4));

        Assert.Equal("longer than 256 characters", ProfileRules.EmailProblem($"{local}@{domain}.example"[..257]));
        Assert.Equal("not a valid e-mail address", ProfileRules.EmailProblem($"{local}@{domain}.example"[..256]));
        Assert.Equal("missing", ProfileRules.EmailProblem("  "));
    }

    [Fact]
    public void ValidExternalIds_AndATrimmedNumber_AreTaken()
    {
        var (values, errors) = ProfileRules.Settings(With(v => v with
        {
            SalesforceId = "0055e000001AbCdAAK", StripeId = "cus_NffrFeUfNV2Hib", DirectDialNumber = " +14155550123 ", DirectDialExtension = " 12 ",
        }));

        Assert.Empty(errors);
        Assert.Equal(("+14155550123", "12"), (values.DirectDialNumber, values.DirectDialExtension));
    }

    [Fact]
    public void ASipAddress_OfAtMost256Characters_IsTaken()
    {
        string Sip(int length) => "sip:" + new string('a', length - "sip:@example.com".Length) + "@example.com";

        Assert.Empty(FieldsOf(With(v => v with { SipAddress = Sip(256) })));
        Assert.Equal(["Settings.SipAddress"], FieldsOf(With(v => v with { SipAddress = Sip(257) })));
        Assert.Equal("sips:agent@pbx.example.com", ProfileRules.Settings(With(v => v with { SipAddress = "sips:agent@pbx.example.com" })).Values.SipAddress);
        Assert.Null(ProfileRules.Settings(With(v => v with { SipAddress = "   " })).Values.SipAddress);
    }

    [Fact]
    public void AContactTab_NotInTheList_IsRefused()
    {
        Assert.Equal([UserErrors.ContactTab], ProfileRules.Settings(With(v => v with { ContactTab = (ContactTab)9 })).Errors);
    }

    [Fact]
    public void AWebPPicture_OfJustItsTwelveByteHeader_IsKnown()
    {
        Assert.Equal("image/webp", ProfileRules.PictureType([.. "RIFF"u8, 4, 0, 0, 0, .. "WEBP"u8]));
        Assert.Null(ProfileRules.PictureType([.. "RIFF"u8, 4, 0, 0, 0, .. "WEB"u8]));
        Assert.Null(ProfileRules.PictureType([.. "RIFX"u8, 4, 0, 0, 0, .. "WEBP"u8]));
    }
}
