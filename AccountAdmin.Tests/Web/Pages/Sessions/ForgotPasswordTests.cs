using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Sessions;

/// <summary>
/// Forgot password, through the pages and the real background worker: the answer names nobody, the link works once,
/// only the newest works, the reset ends every session and tells the user, and nobody is mail-bombed.
/// </summary>
public abstract class ForgotPasswordTests(PortalFixture fixture)
{
    private const string ResetSubject = "Reset your AccountAdmin password";
    private const string NewPassword = "Lantern-Orchard-Quay";

    private Task<List<OutboxMessage>> MailsAsync(string to) =>
        fixture.WithDataAsync(data => data.Db.OutboxMessages.AsNoTracking().Where(m => m.To == to).OrderBy(m => m.CreatedAt).ToListAsync());

    /// <summary>Waits for the worker to have sent <paramref name="count"/> reset e-mails to the address (it works after the page answers).</summary>
    private async Task<List<OutboxMessage>> ResetMailsAsync(string to, int count)
    {
        for (var tries = 0; tries < 100; tries++)
        {
            var mails = (await MailsAsync(to)).Where(m => m.Subject == ResetSubject).ToList();
            if (mails.Count >= count)
            {
                return mails;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No reset e-mail reached {to}.");
    }

    private static string LinkIn(OutboxMessage mail) =>
        TestData.LinkIn(mail.TextBody, "/reset-password/").PathAndQuery;

    private async Task<string> AskAsync(string signInName)
    {
        using var browser = fixture.NewBrowser();
        var login = await browser.GetDocumentAsync("/login");
        Assert.Equal("/forgot-password", login.QuerySelector("#forgot-password")!.GetAttribute("href"));
        using var response = await browser.PostFormAsync("/forgot-password", new Dictionary<string, string> { ["SignInName"] = signInName });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#reset-asked")!.TextContent.Replace(signInName, "NAME");
    }

    [Fact]
    public async Task AResetLink_SetsANewPassword_EndsEverySession_TellsTheUser_AndWorksOnce()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync("forgetful", "Fran", "Forgetful"));
        using var elsewhere = await fixture.SignedInAsync(user);

        await AskAsync(user.Email!);
        var link = LinkIn((await ResetMailsAsync(user.Email!, 1)).Single());
        using var browser = fixture.NewBrowser();
        var form = await browser.GetDocumentAsync(link);
        using var weak = await browser.PostFormAsync(link, new Dictionary<string, string>
        {
            ["Input.Password"] = "Fran-Forgetful-1",
            ["Input.ConfirmPassword"] = "Fran-Forgetful-1",
        });
        using var reset = await browser.PostFormAsync(link, new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        var signInPage = await browser.GetDocumentAsync(reset.Headers.Location!.OriginalString);
        var again = await browser.GetDocumentAsync(link);

        Assert.Contains(user.Email!, form.QuerySelector("#reset-form")!.ParentElement!.TextContent);
        Assert.Contains("can't contain your e-mail address, username or name",
            Browser.Parse(await weak.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent);
        Assert.Equal("/login", reset.Headers.Location!.OriginalString);
        Assert.Contains("Your password is reset", signInPage.QuerySelector("#status-message")!.TextContent);
        Assert.NotNull(again.QuerySelector("#reset-expired"));
        Assert.Null(again.QuerySelector("#reset-form"));
        await elsewhere.GetDocumentAsync("/profile", HttpStatusCode.Redirect);
        using var signedIn = fixture.NewBrowser();
        await signedIn.SignInAsync(user.Email!, NewPassword);
        Assert.Contains(await MailsAsync(user.Email!), m => m.Subject == "Your AccountAdmin password was changed");
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(e => e.Action == AuditActions.PasswordReset && e.TargetUserId == user.Id)));
    }

    [Fact]
    public async Task TheAnswer_IsTheSame_ForAnArchivedUser_AndANameNobodyHas_AndNeitherGetsMail()
    {
        var (archived, known) = await fixture.WithDataAsync(async data =>
        {
            var gone = await data.UserAsync("gone", "Gil", "Gone");
            await data.ArchiveAsync(gone);
            return (gone, await data.UserAsync("known", "Kit", "Known"));
        });

        var forArchived = await AskAsync(archived.Email!);
        var forNobody = await AskAsync($"{TestData.Unique("nobody")}@example.test");
        var forKnown = await AskAsync(known.UserName!);
        await ResetMailsAsync(known.Email!, 1);

        Assert.Equal(forKnown, forArchived);
        Assert.Equal(forKnown, forNobody);
        Assert.Empty(await MailsAsync(archived.Email!));
    }

    [Fact]
    public async Task ANewerLink_ReplacesTheOlder_AndAFourthRequestInAnHour_SendsNothing()
    {
        var (user, sentinel) = await fixture.WithDataAsync(async data => (await data.UserAsync("twice", "Tam", "Twice"), await data.UserAsync("sentinel")));

        await AskAsync(user.Email!);
        var first = LinkIn((await ResetMailsAsync(user.Email!, 1))[0]);
        await AskAsync(user.Email!);
        await AskAsync(user.Email!);
        await AskAsync(user.Email!);
        await AskAsync(sentinel.Email!);
        await ResetMailsAsync(sentinel.Email!, 1);
        var mails = await ResetMailsAsync(user.Email!, 3);
        using var browser = fixture.NewBrowser();
        var older = await browser.GetDocumentAsync(first);
        var newest = await browser.GetDocumentAsync(LinkIn(mails[^1]));

        Assert.Equal(3, mails.Count);
        Assert.NotNull(older.QuerySelector("#reset-expired"));
        Assert.NotNull(newest.QuerySelector("#reset-form"));
    }

    [Fact]
    public async Task AForgedOrMangledLink_IsRefusedWithAWayOn()
    {
        using var browser = fixture.NewBrowser();

        var mangled = await browser.GetDocumentAsync("/reset-password/not-a-token");
        var token = (await browser.GetDocumentAsync("/forgot-password")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var posted = await browser.Client.PostAsync("/reset-password/bm90LWEtdG9rZW4", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal("/forgot-password", mangled.QuerySelector("main a.btn-primary")!.GetAttribute("href"));
        Assert.NotNull(Browser.Parse(await posted.Content.ReadAsStringAsync()).QuerySelector("#reset-expired"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ForgotPasswordSqliteTests(SqlitePortal fixture) : ForgotPasswordTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ForgotPasswordPostgresTests(PostgresPortal fixture) : ForgotPasswordTests(fixture);
