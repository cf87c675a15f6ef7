using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Tests.Core.Email;

public sealed class EmailAddressesTests : IDisposable
{
    private readonly string pickup = Path.Combine(Path.GetTempPath(), $"accountadmin-mail-{Guid.NewGuid():N}");

    public static TheoryData<string> Sendable =>
    [
        "ann@example.test",
        "ann.lee+tag@example.test",
        "o'neil@example.test",
        "ann@exämple.test",
        "ann@localhost",
    ];

    public static TheoryData<string> NotSendable =>
    [
        "dots..x@example.test",
        "x.@example.test",
        "\"ann lee\"@example.test",
        "ann@example.test\r\nBcc: eve@example.test",
        ".ann@example.test",
        "ann@example..test",
        "zoë@example.test",
        "ann@exämple-.test",
        "Ann <ann@example.test>",
        "ann(comment)@example.test",
        "ann@example.test, bo@example.test",
        " ann@example.test",
        "ann\0@example.test",
        "ann@",
        "",
    ];

    private MailKitEmailSender Sender() => new(new EmailOptions { PickupDirectory = pickup });

    private static OutboxMessage To(string address) => new(address, "Subject", "Text", "<p>Html</p>", DateTime.UtcNow);

    [Theory]
    [MemberData(nameof(Sendable))]
    public async Task ASendableAddress_IsSentTo_AsItIs(string address)
    {
        Assert.True(EmailAddresses.IsSendable(address));

        await Sender().SendAsync(To(address), CancellationToken.None);

        var written = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(pickup)));
        Assert.Contains($"To: {address.Replace("exämple", "xn--exmple-cua")}", written);
    }

    [Theory]
    [MemberData(nameof(NotSendable))]
    public async Task AnAddressTheSenderCannotSendTo_IsNotSendable_AndTheSenderRefusesIt(string address)
    {
        Assert.False(EmailAddresses.IsSendable(address));

        await Assert.ThrowsAsync<UndeliverableEmailException>(() => Sender().SendAsync(To(address), CancellationToken.None));
        Assert.False(Directory.Exists(pickup) && Directory.EnumerateFiles(pickup).Any());
    }

    public void Dispose()
    {
        if (Directory.Exists(pickup))
        {
            Directory.Delete(pickup, recursive: true);
        }
    }
}
