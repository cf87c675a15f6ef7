using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Pages.Sessions;

/// <summary>ASP.NET Core's rate limiter before the pages that take a password, a name or a link: per client address, POSTs only.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task PastTheLimit_SignInFormsGet429_WithHowLongToWait_ReadingStaysOpen_AndItIsAudited()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var portal = new PortalFactory(database, new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "3" });
        using var browser = portal.NewBrowser();
        var wrong = new Dictionary<string, string> { ["Input.SignInName"] = "someone@example.test", ["Input.Password"] = "not the password at all" };

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var attempt = await browser.PostFormAsync("/login", wrong);
            answers.Add(attempt.StatusCode);
        }

        using var limited = await browser.PostFormAsync("/login", wrong);
        var page = Browser.Parse(await limited.Content.ReadAsStringAsync());
        using var forgot = await browser.PostFormAsync("/forgot-password", new Dictionary<string, string> { ["SignInName"] = "someone@example.test" });
        await browser.GetDocumentAsync("/login");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.RetryAfter!.ToString()), 1, 60);
        Assert.Equal("Too many attempts", page.QuerySelector("#status-page h1")!.TextContent);
        Assert.Matches(@"Wait \d+ seconds?, then try again", page.QuerySelector("#status-page p")!.TextContent);
        Assert.Equal(HttpStatusCode.TooManyRequests, forgot.StatusCode);
        await using var scope = portal.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>().AuditEvents.CountAsync(e => e.Action == AuditActions.RateLimited));
    }
}
