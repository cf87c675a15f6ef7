using System.Net;
using System.Text;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

/// <summary>Export CSV on Manage Users.</summary>
public abstract class ExportTests(PortalFixture fixture)
{
    [Fact]
    public async Task Export_HasEveryUserTheFilterFinds_WithFormulasEscaped_AndBulkAddReadsItBack()
    {
        var (account, owner, evil, agents) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            var evil = await data.MemberAsync(account, AccountRole.CallAgent, "=cmd|' /C calc'!A0", "+Sum(1)");
            var agents = new List<AppUser> { evil };
            for (var i = 0; i < 3; i++)
            {
                agents.Add(await data.MemberAsync(account, AccountRole.CallAgent, $"Agent{i}", "Smith, \"Jr\""));
            }

            return (account, owner, evil, agents);
        });
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(owner.Email!);
        var list = await browser.GetDocumentAsync($"/accounts/{account.Id}/users?role=CallAgent&size=25");
        var link = list.QuerySelector("#export-users")!.GetAttribute("href")!;

        using var response = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"Email\",\"First name\",\"Last name\",\"Nickname\",\"Role\",\"Access from\",\"Status\",\"Last sign-in (UTC)\",\"API ID\"", lines[0]);
        Assert.Equal(agents.Count + 1, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains(owner.Email!));
        Assert.Contains($"\"{evil.Email}\",\"'=cmd|' /C calc'!A0\",\"'+Sum(1)\",", lines.Single(l => l.Contains(evil.Email!)));
        Assert.Contains("\"Smith, \"\"Jr\"\"\"", lines.Single(l => l.Contains(agents[1].Email!)));

        Assert.Equal("Search none, role Call Agent, status any", await fixture.WithDataAsync(data =>
            data.Db.AuditEvents.Where(e => e.Action == AuditActions.UsersExported && e.AccountId == account.Id && e.ActorUserId == owner.Id).Select(e => e.Details).SingleAsync()));

        var reread = BulkLines.Parse(string.Join('\n', lines));
        Assert.Null(reread.Error);
        Assert.Equal(agents.Select(a => a.Email).Order(), reread.Lines.Select(l => l.Email).Order());
        Assert.Equal("Smith, \"Jr\"", reread.Lines.Single(l => l.Email == agents[1].Email).LastName);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ExportSqliteTests(SqlitePortal fixture) : ExportTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ExportPostgresTests(PostgresPortal fixture) : ExportTests(fixture);
