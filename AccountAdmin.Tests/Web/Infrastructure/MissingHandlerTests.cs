using System.Net;
using System.Text.RegularExpressions;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AccountAdmin.Web.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Infrastructure;

/// <summary>
/// Every page of the portal, found from its endpoints so that a new page is covered too, asked for a handler it doesn't
/// have (<see cref="MissingHandlerFilter"/>): never 500, and only after the same check of who may open the address.
/// </summary>
public abstract partial class MissingHandlerTests(PortalFixture fixture)
{
    private sealed record PageRoute(string Pattern, string ViewEnginePath, bool TakesPost, bool TakesPlainPost);

    private sealed record Scene(Agency Agency, Account Account, Agency OtherAgency, Account OtherAccount, AppUser User);

    /// <summary>Where an address leads: the user's own agency or account, another agency's, or one that doesn't exist.</summary>
    private enum Target
    {
        Own,
        Others,
        Unknown,
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    private async Task<IReadOnlyList<PageRoute>> PagesAsync()
    {
        var services = fixture.Portal.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var pages = new List<PageRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
            {
                continue;
            }

            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var posts = compiled.HandlerMethods.Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase)).ToList();
            pages.Add(new(endpoint.RoutePattern.RawText ?? "", descriptor.ViewEnginePath, posts.Count > 0, posts.Any(h => string.IsNullOrEmpty(h.Name))));
        }

        return pages;
    }

    private static string Url(PageRoute page, Scene scene, Target target) =>
        "/" + RouteParameter().Replace(page.Pattern, match => match.Groups[1].Value switch
        {
            "accountId" => (target switch { Target.Own => scene.Account.Id, Target.Others => scene.OtherAccount.Id, _ => Guid.NewGuid() }).ToString(),
            "agencyId" => (target switch { Target.Own => scene.Agency.Id, Target.Others => scene.OtherAgency.Id, _ => Guid.NewGuid() }).ToString(),
            "userId" => scene.User.Id.ToString(),
            "code" => "404",
            "token" => "no-such-invitation",
            _ => Guid.NewGuid().ToString(),
        });

    /// <summary>What the page must answer: the access check's refusal first, then 404 for no such handler or 405 for no such method.</summary>
    private static HttpStatusCode Expected(PageRoute page, Target target) =>
        target == Target.Unknown ? HttpStatusCode.NotFound
        : target == Target.Others || page.ViewEnginePath.StartsWith("/Support/", StringComparison.Ordinal) ? HttpStatusCode.Forbidden
        : page.TakesPost ? HttpStatusCode.NotFound
        : HttpStatusCode.MethodNotAllowed;

    [Fact]
    public async Task APostToAHandlerNoPageHas_Answers404Or405_AfterTheAccessCheck_NeverAnError()
    {
        var scene = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var other = await data.AgencyAsync();
            var user = await data.UserAsync("agency-admin");
            await data.AgencyRoleAsync(agency, user, AgencyRole.AgencyAdministrator);
            return new Scene(agency, await data.AccountAsync(agency), other, await data.AccountAsync(other), user);
        });
        var pages = await PagesAsync();
        using var browser = await fixture.SignedInAsync(scene.User);
        var token = (await browser.GetDocumentAsync("/profile")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var wrong = new List<string>();

        Assert.Contains(pages, p => p.Pattern == "accounts/{accountId:guid}/users" && p.TakesPost);
        Assert.Contains(pages, p => p.Pattern == "accounts/{accountId:guid}" && !p.TakesPost);
        foreach (var page in pages)
        {
            var scoped = page.Pattern.Contains("{accountId") || page.Pattern.Contains("{agencyId");
            foreach (var target in scoped ? [Target.Own, Target.Others, Target.Unknown] : new[] { Target.Own })
            {
                var url = Url(page, scene, target);
                foreach (var address in page.TakesPlainPost ? [url + "?handler=Nope"] : new[] { url + "?handler=Nope", url })
                {
                    using var response = await browser.Client.PostAsync(address,
                        new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Name"] = "x" }));
                    var expected = Expected(page, target);
                    if (response.StatusCode != expected || (expected == HttpStatusCode.MethodNotAllowed && !response.Content.Headers.Allow.Contains("GET")))
                    {
                        wrong.Add($"POST {address} ({page.ViewEnginePath}, {target}): expected {(int)expected}, got {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task AMethodNoPageTakes_Answers405_WithTheMethodsItTakes()
    {
        var (account, owner) = await fixture.WithDataAsync(async data =>
        {
            var a = await data.AccountAsync();
            return (a, await data.MemberAsync(a, AccountRole.Owner));
        });
        using var browser = await fixture.SignedInAsync(owner);
        var token = (await browser.GetDocumentAsync("/profile")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        using var response = await browser.Client.PostAsync($"/accounts/{account.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        Assert.Equal("That can't be done here", Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#status-page h1")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MissingHandlerSqliteTests(SqlitePortal fixture) : MissingHandlerTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class MissingHandlerPostgresTests(PostgresPortal fixture) : MissingHandlerTests(fixture);
