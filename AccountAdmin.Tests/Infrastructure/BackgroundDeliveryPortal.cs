using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>
/// The portal as production runs it for e-mail: the outbox worker on (<c>Email:DeliverInBackground</c>, which the other
/// HTTP fixtures turn off) and sending over SMTP to a maildev of its own, over a SQLite database of its own.
/// </summary>
public sealed class BackgroundDeliveryPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; private set; } = null!;

    public MailDevServer Mail { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Mail = await MailDevServer.StartAsync();
        Portal = new PortalFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), new Dictionary<string, string>
        {
            ["Email:DeliverInBackground"] = "true",
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = $"{Mail.SmtpPort}",
        });
        _ = Portal.Server;
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Portal.Database.DisposeAsync();
        await Mail.DisposeAsync();
    }

    public async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = Portal.NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    public async Task<T> WithDataAsync<T>(Func<TestData, Task<T>> build)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await build(new TestData(scope.ServiceProvider));
    }

    public async Task WithDataAsync(Func<TestData, Task> build)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        await build(new TestData(scope.ServiceProvider));
    }
}
