using System.Net;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AccountAdmin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Infrastructure;

/// <summary>What a posted form may carry (<see cref="PostedForms"/>, <see cref="FormValueGuard"/>), on pages that check nothing of it themselves.</summary>
public abstract class PostedFormsTests(PortalFixture fixture)
{
    private sealed record Scene(Agency Agency, Account Account, AppUser Administrator);

    private Task<Scene> SceneAsync() =>
        fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var account = await data.AccountAsync(agency);
            var administrator = await data.UserAsync("agency-admin");
            await data.AgencyRoleAsync(agency, administrator, AgencyRole.AgencyAdministrator);
            return new Scene(agency, account, administrator);
        });

    private static string ErrorAt(string html, string field) =>
        Browser.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    [Theory]
    [InlineData("Acme\0 Dental", false)]
    [InlineData("Acme\u0007 Dental", false)]
    [InlineData("Acme\nDental", false)]
    [InlineData("Acme\0 Dental", true)]
    public async Task AControlCharacter_InASingleLineField_IsRefusedAtTheField_AndChangesNothing(string name, bool multipart)
    {
        var scene = await SceneAsync();
        using var browser = await fixture.SignedInAsync(scene.Administrator);

        using var response = await browser.PostFormAsync($"/accounts/{scene.Account.Id}/settings", new Dictionary<string, string> { ["Name"] = name },
            files: multipart ? new Dictionary<string, (string, byte[])>() : null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FormValueGuard.Message, ErrorAt(await response.Content.ReadAsStringAsync(), "Name"));
        Assert.Equal(scene.Account.Name, await fixture.WithDataAsync(data => data.Db.Accounts.Where(a => a.Id == scene.Account.Id).Select(a => a.Name).SingleAsync()));
    }

    [Fact]
    public async Task MultiLineText_TakesTabsAndLineBreaks_ButNotOtherControlCharacters()
    {
        var scene = await SceneAsync();
        using var browser = await fixture.SignedInAsync(scene.Administrator);
        var url = $"/agencies/{scene.Agency.Id}/divisions/new";
        var (taken, refused) = (TestData.Unique("Taken"), TestData.Unique("Refused"));

        using var nul = await browser.PostFormAsync(url, new Dictionary<string, string> { ["Details.Name"] = refused, ["Details.Description"] = "One\0two" });
        using var lines = await browser.PostFormAsync(url, new Dictionary<string, string> { ["Details.Name"] = taken, ["Details.Description"] = "One\r\n\ttwo" });

        Assert.Equal(HttpStatusCode.OK, nul.StatusCode);
        Assert.Equal(FormValueGuard.Message, ErrorAt(await nul.Content.ReadAsStringAsync(), "Details.Description"));
        Assert.Equal(HttpStatusCode.Redirect, lines.StatusCode);
        await fixture.WithDataAsync(async data =>
        {
            Assert.False(await data.Db.Divisions.AnyAsync(d => d.Name == refused));
            Assert.Equal("One\r\n\ttwo", await data.Db.Divisions.Where(d => d.Name == taken).Select(d => d.Description).SingleAsync());
        });
    }

    [Fact]
    public async Task AControlCharacter_InASearch_Answers400_NotAnError()
    {
        var scene = await SceneAsync();
        using var browser = await fixture.SignedInAsync(scene.Administrator);

        foreach (var url in new[]
        {
            $"/accounts/{scene.Account.Id}/users?q=a%00b", $"/accounts/{scene.Account.Id}/audit?user=%00",
            $"/agencies/{scene.Agency.Id}/accounts?q=%00", $"/agencies/{scene.Agency.Id}/users?q=%0A",
        })
        {
            using var response = await browser.GetAsync(url);

            Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("That request was not understood", Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#status-page h1")!.TextContent);
        }
    }

    [Fact]
    public async Task AFormLargerThanAnyUpload_Answers413_WithoutBeingRead()
    {
        var scene = await SceneAsync();
        using var browser = await fixture.SignedInAsync(scene.Administrator);
        var token = (await browser.GetDocumentAsync("/profile")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Huge"), "Name" } };
        await content.LoadIntoBufferAsync();
        content.Headers.ContentLength = PostedForms.MaxUploadBytes + 1;

        using var response = await browser.Client.PostAsync($"/accounts/{scene.Account.Id}/settings", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("That upload is too large", Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#status-page h1")!.TextContent);
        Assert.Equal(scene.Account.Name, await fixture.WithDataAsync(data => data.Db.Accounts.Where(a => a.Id == scene.Account.Id).Select(a => a.Name).SingleAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PostedFormsSqliteTests(SqlitePortal fixture) : PostedFormsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostedFormsPostgresTests(PostgresPortal fixture) : PostedFormsTests(fixture);
