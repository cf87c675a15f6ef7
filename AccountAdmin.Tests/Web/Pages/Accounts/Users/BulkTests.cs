using System.Net;
using System.Text;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

/// <summary>Bulk Add at /accounts/{id}/users/bulk and its summary page.</summary>
public abstract class BulkTests(PortalFixture fixture)
{
    private sealed record Scene(Account Account, AppUser Owner, AppUser Admin, AppUser Agent, AppUser Elsewhere);

    private Task<Scene> SceneAsync() =>
        fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return new Scene(
                account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Administrator),
                await data.MemberAsync(account, AccountRole.CallAgent), await data.MemberAsync(await data.AccountAsync(), AccountRole.CallManager));
        });

    private async Task<Browser> SignedInAsync(AppUser user)
    {
        var browser = fixture.NewBrowser();
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private static string Url(Account account) => $"/accounts/{account.Id}/users/bulk";

    private static string NewEmail(string tag = "bulk") => $"{TestData.Unique(tag)}@test.example";

    private static IHtmlFormElement FormOf(IHtmlDocument page) => page.QuerySelector<IHtmlFormElement>("#bulk-add")!;

    /// <summary>Pastes <paramref name="lines"/> and previews them, as the Preview button does.</summary>
    private static async Task<IHtmlDocument> PreviewAsync(Browser browser, Account account, string lines, string role = "CallAgent", string invitations = "now")
    {
        var page = await browser.GetDocumentAsync(Url(account));
        using var response = await browser.SubmitAsync(FormOf(page), new Dictionary<string, string>
        {
            ["Input.Lines"] = lines,
            ["Input.Role"] = role,
            ["Input.Invitations"] = invitations,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Browser.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Clicks "Add N users" on a preview.</summary>
    private static Task<HttpResponseMessage> ApplyAsync(Browser browser, IHtmlDocument preview, IDictionary<string, string>? changes = null)
    {
        var form = FormOf(preview);
        form.SetAttribute("action", preview.QuerySelector("#apply")!.GetAttribute("formaction")!);
        return browser.SubmitAsync(form, changes);
    }

    private static IEnumerable<(int Line, string Outcome)> Outcomes(IHtmlDocument preview) =>
        preview.QuerySelectorAll("#preview-lines tbody tr").Select(r => (int.Parse(r.GetAttribute("data-line")!), r.GetAttribute("data-outcome")!));

    [Fact]
    public async Task TheWholeBatch_GoesIntoAGroupAndAQueue_InTheOrderOfItsLines_ButRoutingIsRefusedForAnotherRole()
    {
        var scene = await SceneAsync();
        var (group, queue) = await fixture.WithDataAsync(async data =>
        {
            var group = new AccessControlGroup(scene.Account.Id, "Inbound");
            var queue = new RoutingMethod(scene.Account.Id, "Sales", RoutingKind.Queue);
            data.Db.AddRange(group, queue);
            data.Db.RoutingAgents.Add(new RoutingAgent(queue.Id, scene.Agent.Id, 0));
            await data.Db.SaveChangesAsync();
            return (group, queue);
        });
        using var browser = await SignedInAsync(scene.Owner);
        var (zoe, adam) = (NewEmail("zoe"), NewEmail("adam"));
        var page = await browser.GetDocumentAsync(Url(scene.Account));
        Assert.NotNull(page.QuerySelector($"#Input_GroupIds option[value='{group.Id}']"));

        using var managers = await browser.SubmitAsync(FormOf(page), new Dictionary<string, string>
        {
            ["Input.Lines"] = $"{zoe},Zoe,Last", ["Input.Role"] = "ReportManager", ["Input.Invitations"] = "later", ["Input.RoutingIds"] = queue.Id.ToString(),
        });
        var refusedPreview = Browser.Parse(await managers.Content.ReadAsStringAsync());
        // "None" chosen in the group list, as the form sends it: no complaint about the group.
        Assert.Empty(refusedPreview.QuerySelector("[data-valmsg-for='Input.GroupIds']")!.TextContent.Trim());
        Assert.Null(refusedPreview.QuerySelector("[data-error-summary]"));
        using var refused = await ApplyAsync(browser, refusedPreview);
        Assert.Contains("Only Call Agents are routed activities.",
            Browser.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Input.RoutingIds']")!.TextContent);

        using var previewed = await browser.SubmitAsync(FormOf(page), new Dictionary<string, string>
        {
            ["Input.Lines"] = $"{zoe},Zoe,Last\n{adam},Adam,First", ["Input.Role"] = "CallAgent", ["Input.Invitations"] = "later",
            ["Input.GroupIds"] = group.Id.ToString(), ["Input.RoutingIds"] = queue.Id.ToString(),
        });
        using var applied = await ApplyAsync(browser, Browser.Parse(await previewed.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var (members, order) = await fixture.WithDataAsync(async data => (
            await data.Db.AccessControlGroupMembers.Where(m => m.GroupId == group.Id).Select(m => m.UserId).ToListAsync(),
            await data.Db.RoutingAgents.Where(a => a.RoutingMethodId == queue.Id).OrderBy(a => a.Position)
                .Join(data.Db.Users, a => a.UserId, u => u.Id, (a, u) => u.Email).ToListAsync()));
        Assert.Equal(2, members.Count);
        Assert.Equal([scene.Agent.Email, zoe, adam], order);
        // The audit log says where each went.
        var history = await fixture.WithDataAsync(data => data.Db.AuditEvents
            .Where(e => e.AccountId == scene.Account.Id && (e.Action == AuditActions.UserCreated || e.Action == AuditActions.BulkAdded)).Select(e => e.Details!).ToListAsync());
        Assert.Equal(3, history.Count(d => d.EndsWith(", into Inbound (access control group) and Sales (Queue)")));
    }

    [Fact]
    public async Task ALongPreview_ShowsTheLinesThatCantBeAddedFirst_ThenTheOthersTwoHundredAtATime_AndAddsThemAll()
    {
        var scene = await SceneAsync();
        using var browser = await SignedInAsync(scene.Owner);
        var tag = TestData.Unique("long");
        var lines = string.Join('\n', Enumerable.Range(1, 1_000).Select(i => i % 250 == 0 ? $"not-an-email-{i},X,Y" : $"{tag}.{i}@test.example,Long,User{i}"));

        var preview = await PreviewAsync(browser, scene.Account, lines);

        Assert.Equal(["996", "0", "0", "4"], preview.QuerySelectorAll("#bulk-totals [data-total]").Select(b => b.TextContent.Trim()));
        Assert.Equal([250, 500, 750, 1000], preview.QuerySelectorAll("#attention-lines tbody tr").Select(r => int.Parse(r.GetAttribute("data-line")!)));
        Assert.Equal(200, preview.QuerySelectorAll("#preview-lines tbody tr").Length);
        Assert.Equal("The other lines: 1–200 of 996", string.Join(" ", preview.QuerySelector("#others-heading")!.TextContent.Split((char[])null!, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Null(preview.QuerySelector("#earlier-lines"));
        Assert.True(preview.DocumentElement.OuterHtml.Length < 150_000);

        // Later lines sends the lines again and shows the next 200; the last page holds what is left.
        var form = FormOf(preview);
        form.SetAttribute("action", preview.QuerySelector("#later-lines")!.GetAttribute("formaction")!.Replace("page=1", "page=4"));
        using var last = await browser.SubmitAsync(form);
        var lastPage = Browser.Parse(await last.Content.ReadAsStringAsync());
        Assert.Equal("The other lines: 801–996 of 996", string.Join(" ", lastPage.QuerySelector("#others-heading")!.TextContent.Split((char[])null!, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(804, int.Parse(lastPage.QuerySelector("#preview-lines tbody tr")!.GetAttribute("data-line")!));
        Assert.Null(lastPage.QuerySelector("#later-lines"));
        Assert.NotNull(lastPage.QuerySelector("#earlier-lines"));

        using var applied = await ApplyAsync(browser, lastPage);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(996, await fixture.WithDataAsync(data => data.Db.Users.CountAsync(u => u.Email!.StartsWith(tag))));
    }

    [Fact]
    public async Task Paste_Preview_ThenApply_AddsTheUsers_AndTheSummaryShowsWhatHappened()
    {
        var scene = await SceneAsync();
        using var browser = await SignedInAsync(scene.Owner);
        var list = await browser.GetDocumentAsync($"/accounts/{scene.Account.Id}/users");
        Assert.Equal(Url(scene.Account), list.QuerySelector("#bulk-add")!.GetAttribute("href"));
        var (ann, bo) = (NewEmail("ann"), NewEmail("bo"));

        var preview = await PreviewAsync(browser, scene.Account,
            $"Email\tFirst name\tLast name\n{ann}\tAnn\tLee\n{bo}\tBo\t\"Berg, Jr.\"\n{scene.Elsewhere.Email}\tEl\tSe\n{scene.Agent.Email}\tAl\tRe\nnot-an-email\tX\tY");

        Assert.Equal([(2, "NewUser"), (3, "NewUser"), (4, "GrantAccess"), (5, "AlreadyMember"), (6, "Invalid")], Outcomes(preview));
        Assert.Equal(["2", "1", "1", "1"], preview.QuerySelectorAll("#bulk-totals [data-total]").Select(b => b.TextContent.Trim()));
        Assert.Contains("“not-an-email” is not a valid e-mail address.", preview.QuerySelector("tr[data-line='6'] [data-reason]")!.TextContent);
        Assert.Equal("Add 3 users", preview.QuerySelector("#apply")!.TextContent.Trim());
        Assert.False(await fixture.WithDataAsync(data => data.Db.Users.AnyAsync(u => u.Email == ann)));

        using var applied = await ApplyAsync(browser, preview);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var summary = await browser.GetDocumentAsync(applied.Headers.Location!.OriginalString);
        Assert.Equal(["2", "1", "1", "1"], summary.QuerySelectorAll("#bulk-summary [data-count]").Select(c => c.TextContent.Trim()));
        Assert.Contains("Invitations sent", summary.QuerySelector("#invitations")!.TextContent);
        Assert.Equal([ann, bo, scene.Elsewhere.Email], summary.QuerySelectorAll("#bulk-users tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim()).Order());
        Assert.Contains("not-an-email", summary.QuerySelector("#rejected")!.TextContent);
        await fixture.WithDataAsync(async data =>
        {
            var user = await data.Db.Users.AsNoTracking().SingleAsync(u => u.Email == bo);
            Assert.Equal("Berg, Jr.", user.LastName);
            Assert.Equal(AccountRole.CallAgent, (await data.Db.Memberships.SingleAsync(m => m.UserId == user.Id)).Role);
            Assert.True(await data.Db.OutboxMessages.AnyAsync(m => m.To == bo && m.TextBody.Contains("/invitation/")));
            return true;
        });
        var listed = await browser.GetDocumentAsync($"/accounts/{scene.Account.Id}/users?q={Uri.EscapeDataString(ann)}");
        Assert.Equal("Invited", listed.QuerySelector("#users tbody tr")!.Children[4].QuerySelector(".badge")!.TextContent.Trim());
        Assert.Equal("pending", listed.QuerySelector("#users tbody tr [data-invitation]")!.GetAttribute("data-invitation"));
    }

    [Fact]
    public async Task TheSameApplyPostedTwice_LeadsToTheSameSummary_AndChangesNothingMore()
    {
        var scene = await SceneAsync();
        using var browser = await SignedInAsync(scene.Owner);
        var email = NewEmail();
        var preview = await PreviewAsync(browser, scene.Account, $"{email},Dee,Double");

        using var first = await ApplyAsync(browser, preview);
        using var second = await ApplyAsync(browser, preview);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await fixture.WithDataAsync(data => data.Db.OutboxMessages.CountAsync(m => m.To == email)));
    }

    [Fact]
    public async Task LinesChangedAfterThePreview_ArePreviewedAgain_NotApplied()
    {
        var scene = await SceneAsync();
        using var browser = await SignedInAsync(scene.Owner);
        var (previewed, slipped) = (NewEmail(), NewEmail());
        var preview = await PreviewAsync(browser, scene.Account, $"{previewed},Pre,Viewed");

        using var response = await ApplyAsync(browser, preview, new Dictionary<string, string> { ["Input.Lines"] = $"{previewed},Pre,Viewed\n{slipped},Slipped,In" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("changed after the preview", again.QuerySelector("#status-message")!.TextContent);
        Assert.Equal([(1, "NewUser"), (2, "NewUser")], Outcomes(again));
        Assert.False(await fixture.WithDataAsync(data => data.Db.Users.AnyAsync(u => u.Email == previewed || u.Email == slipped)));
    }

    [Fact]
    public async Task AnUploadedFile_IsDecoded_AndItsLinesFillTheBox_ForCorrection()
    {
        var scene = await SceneAsync();
        using var browser = await SignedInAsync(scene.Owner);
        var email = NewEmail();
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes($"E-mail,First name,Last name\r\n{email},Zoë,Łukasz\r\n")];

        using var response = await browser.PostFormAsync(Url(scene.Account), new Dictionary<string, string> { ["Input.Role"] = "CallAgent" }, "#bulk-add",
            files: new Dictionary<string, (string, byte[])> { ["Input.File"] = ("team.csv", utf16) });

        var preview = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([(2, "NewUser")], Outcomes(preview));
        Assert.Contains("Zoë Łukasz", preview.QuerySelector("tr[data-line='2']")!.TextContent);
        Assert.Contains($"{email},Zoë,Łukasz", preview.QuerySelector<IHtmlTextAreaElement>("#Input_Lines")!.Value);
    }

    [Fact]
    public async Task ABinaryFile_AnEmptyPaste_AndARoleAboveYourOwn_GetTheirMessageAtTheirField_AndChangeNothing()
    {
        var scene = await SceneAsync();
        using var asAdmin = await SignedInAsync(scene.Admin);
        var email = NewEmail();

        using var binary = await asAdmin.PostFormAsync(Url(scene.Account), new Dictionary<string, string> { ["Input.Role"] = "CallAgent" }, "#bulk-add",
            files: new Dictionary<string, (string, byte[])> { ["Input.File"] = ("photo.csv", AccountAdmin.Tests.Core.Users.ProfileRulesTests.Png) });
        var empty = await PreviewAsync(asAdmin, scene.Account, "   ");
        var owner = await PreviewAsync(asAdmin, scene.Account, $"{email},Ow,Ner", role: "Owner");

        Assert.Contains("isn't a text or CSV file", Browser.Parse(await binary.Content.ReadAsStringAsync()).QuerySelector("#Input_File-error")!.TextContent);
        Assert.Equal("Paste at least one line: e-mail, first name, last name.", empty.QuerySelector("#Input_Lines-error")!.TextContent.Trim());
        Assert.Contains("You can't give a role above your own.", owner.QuerySelector("[data-valmsg-for='Input.Role']")!.TextContent);
        Assert.Null(owner.QuerySelector("#apply"));
        Assert.DoesNotContain("Owner", (await asAdmin.GetDocumentAsync(Url(scene.Account))).QuerySelector("#Input_Role")!.TextContent);
        Assert.False(await fixture.WithDataAsync(data => data.Db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(50)]
    public async Task AFileFarOverTheLimit_GetsTheSizeMessageAtTheFileField_AndChangesNothing(int megabytes)
    {
        var scene = await SceneAsync();
        using var browser = await SignedInAsync(scene.Owner);
        var email = NewEmail("big");
        var line = Encoding.UTF8.GetBytes($"{email},Big,File\n");
        var file = new byte[megabytes * 1024 * 1024];
        for (var at = 0; at + line.Length <= file.Length; at += line.Length)
        {
            line.CopyTo(file, at);
        }

        using var response = await browser.PostFormAsync(Url(scene.Account), new Dictionary<string, string> { ["Input.Role"] = "CallAgent" }, "#bulk-add",
            files: new Dictionary<string, (string, byte[])> { ["Input.File"] = ("everyone.csv", file) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"The file is {megabytes} MB; the limit is 4 MB. Split it into smaller files.", page.QuerySelector("#Input_File-error")!.TextContent.Trim());
        Assert.NotNull(FormOf(page));
        Assert.Null(page.QuerySelector("#apply"));
        await fixture.WithDataAsync(async data =>
        {
            Assert.False(await data.Db.BulkImports.AnyAsync(i => i.AccountId == scene.Account.Id));
            Assert.False(await data.Db.Users.AnyAsync(u => u.Email == email));
        });
    }

    [Fact]
    public async Task ANulInTheLines_IsRefusedAtTheLinesField_AndChangesNothing_EvenWhenApplied()
    {
        var scene = await SceneAsync();
        using var browser = await SignedInAsync(scene.Owner);
        var (good, nul) = (NewEmail("good"), NewEmail("nul"));
        var lines = $"{good}\tGood\tLine\r\n{nul},Nu\0l,Line";
        var preview = await PreviewAsync(browser, scene.Account, $"{good}\tGood\tLine");

        var refused = await PreviewAsync(browser, scene.Account, lines);
        using var applied = await ApplyAsync(browser, preview, new Dictionary<string, string> { ["Input.Lines"] = lines });

        Assert.Equal(AccountAdmin.Web.Infrastructure.FormValueGuard.Message, refused.QuerySelector("#Input_Lines-error")!.TextContent.Trim());
        Assert.Null(refused.QuerySelector("#preview-lines"));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(AccountAdmin.Web.Infrastructure.FormValueGuard.Message, Browser.Parse(await applied.Content.ReadAsStringAsync()).QuerySelector("#Input_Lines-error")!.TextContent.Trim());
        await fixture.WithDataAsync(async data =>
        {
            Assert.False(await data.Db.BulkImports.AnyAsync(i => i.AccountId == scene.Account.Id));
            Assert.False(await data.Db.Users.AnyAsync(u => u.Email == good || u.Email == nul));
        });
    }

    [Fact]
    public async Task HeldBackInvitations_AreSentFromTheSummary()
    {
        var scene = await SceneAsync();
        using var browser = await SignedInAsync(scene.Owner);
        var email = NewEmail();
        var preview = await PreviewAsync(browser, scene.Account, $"{email},Lat,Er", invitations: "later");
        using var applied = await ApplyAsync(browser, preview);
        var summaryUrl = applied.Headers.Location!.OriginalString;
        var summary = await browser.GetDocumentAsync(summaryUrl);
        Assert.Contains("1 new user hasn't been invited yet", summary.QuerySelector("#invitations")!.TextContent);
        Assert.False(await fixture.WithDataAsync(data => data.Db.OutboxMessages.AnyAsync(m => m.To == email)));

        using var sent = await browser.SubmitAsync(summary.QuerySelector<IHtmlFormElement>("#invitations form")!);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var after = await browser.GetDocumentAsync(summaryUrl);
        Assert.Contains($"The invitations to {scene.Account.Name}'s new users are on their way.", after.QuerySelector("#status-message")!.TextContent);
        Assert.Contains("Invitations sent", after.QuerySelector("#invitations")!.TextContent);
        Assert.True(await fixture.WithDataAsync(data => data.Db.OutboxMessages.AnyAsync(m => m.To == email && m.TextBody.Contains("/invitation/"))));
    }

    [Fact]
    public async Task CorrectTheseLines_BringsTheRejectedLinesBack_WithTheBatchRole()
    {
        var scene = await SceneAsync();
        using var browser = await SignedInAsync(scene.Owner);
        var preview = await PreviewAsync(browser, scene.Account, $"{NewEmail()},Good,Line\nbroken@,Bad,Line\nmissing@example.com,OnlyFirst", role: "ReportManager");
        using var applied = await ApplyAsync(browser, preview);
        var summary = await browser.GetDocumentAsync(applied.Headers.Location!.OriginalString);

        var form = await browser.GetDocumentAsync(summary.QuerySelector("#correct-lines")!.GetAttribute("href")!);

        Assert.Equal("broken@,Bad,Line\nmissing@example.com,OnlyFirst", form.QuerySelector<IHtmlTextAreaElement>("#Input_Lines")!.Value.ReplaceLineEndings("\n"));
        Assert.Equal("ReportManager", form.QuerySelector<IHtmlSelectElement>("#Input_Role")!.Value);
    }

    [Fact]
    public async Task ThePages_AndEveryHandler_AreRefused_WithoutManageUsers_AndAcrossAccounts()
    {
        var scene = await SceneAsync();
        var (stranger, strangersAccount) = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            return (await data.MemberAsync(other, AccountRole.Owner), other);
        });
        using var owner = await SignedInAsync(scene.Owner);
        var preview = await PreviewAsync(owner, scene.Account, $"{NewEmail()},Held,Back", invitations: "later");
        using var applied = await ApplyAsync(owner, preview);
        var importId = applied.Headers.Location!.OriginalString.Split('/')[^1];
        using var asAgent = await SignedInAsync(scene.Agent);
        using var asStranger = await SignedInAsync(stranger);
        var email = NewEmail();

        foreach (var (browser, status) in new[] { (asAgent, HttpStatusCode.Forbidden), (asStranger, HttpStatusCode.Forbidden) })
        {
            await browser.GetDocumentAsync(Url(scene.Account), status);
            await browser.GetDocumentAsync($"{Url(scene.Account)}/{importId}", status);
            await browser.GetDocumentAsync($"{Url(scene.Account)}?handler=Progress&batch={Guid.NewGuid()}", status);
            await browser.GetDocumentAsync($"/accounts/{scene.Account.Id}/users?handler=Export", status);
            var token = (await browser.GetDocumentAsync("/profile")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
            foreach (var handler in new[] { "Preview", "Apply" })
            {
                using var post = await browser.Client.PostAsync($"{Url(scene.Account)}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Input.Lines"] = $"{email},For,Ged",
                    ["Input.Role"] = "CallAgent",
                    ["Input.BatchId"] = Guid.NewGuid().ToString(),
                }));
                Assert.Equal(status, post.StatusCode);
            }

            using var send = await browser.Client.PostAsync($"{Url(scene.Account)}/{importId}?handler=SendInvitations",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(status, send.StatusCode);
        }

        // The stranger's own account, with this account's batch id: no such batch there.
        await asStranger.GetDocumentAsync($"{Url(strangersAccount)}/{importId}", HttpStatusCode.NotFound);
        var strangerToken = (await asStranger.GetDocumentAsync("/profile")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var forged = await asStranger.Client.PostAsync($"{Url(strangersAccount)}/{importId}?handler=SendInvitations",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = strangerToken }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var strangersPreview = await PreviewAsync(asStranger, strangersAccount, $"{email},For,Ged");
        using var replayed = await ApplyAsync(asStranger, strangersPreview, new Dictionary<string, string> { ["Input.BatchId"] = importId });
        Assert.Equal("This preview belongs to another batch. Preview the lines again.",
            Browser.Parse(await replayed.Content.ReadAsStringAsync()).QuerySelector("#Input_Lines-error")!.TextContent.Trim());
        await owner.GetDocumentAsync($"{Url(scene.Account)}/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await owner.GetDocumentAsync($"{Url(scene.Account)}?handler=Progress&batch={Guid.NewGuid()}", HttpStatusCode.NotFound);

        Assert.False(await fixture.WithDataAsync(data => data.Db.Users.AnyAsync(u => u.Email == email)));
        Assert.Contains("hasn't been invited yet", (await owner.GetDocumentAsync($"{Url(scene.Account)}/{importId}")).QuerySelector("#invitations")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BulkSqliteTests(SqlitePortal fixture) : BulkTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class BulkPostgresTests(PostgresPortal fixture) : BulkTests(fixture);
