using AccountAdmin.Core.Email;
using MailKit.Security;

namespace AccountAdmin.Tests.Core.Email;

/// <summary>The TLS the sender asks of the SMTP server: never a password in clear because STARTTLS was stripped.</summary>
public sealed class EmailOptionsTests
{
    [Theory]
    [InlineData(SecureSocketOptions.Auto, null, 25, SecureSocketOptions.Auto)]
    [InlineData(SecureSocketOptions.Auto, "mailer", 587, SecureSocketOptions.StartTls)]
    [InlineData(SecureSocketOptions.Auto, "mailer", 465, SecureSocketOptions.SslOnConnect)]
    [InlineData(SecureSocketOptions.None, "mailer", 25, SecureSocketOptions.None)]
    [InlineData(SecureSocketOptions.StartTlsWhenAvailable, null, 25, SecureSocketOptions.StartTlsWhenAvailable)]
    public void WithAUserName_AutoRequiresTls_WhatIsSetExplicitlyIsKept(SecureSocketOptions set, string? userName, int port, SecureSocketOptions used)
    {
        var options = new EmailOptions { SmtpSecurity = set, SmtpUserName = userName, SmtpPort = port };

        Assert.Equal(used, options.EffectiveSmtpSecurity);
    }
}
