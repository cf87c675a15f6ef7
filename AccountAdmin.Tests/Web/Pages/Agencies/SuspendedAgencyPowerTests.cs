using System.Net;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AccountAdmin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Agencies;

/// <summary>
/// DESIGN: "A user suspended in an account has no permission there, whatever the grant." An Agency Administrator
/// suspended in one account keeps their agency-wide powers elsewhere, but no agency-wide change may reach that account:
/// not an agency role (it reaches every account), not removing another Agency Administrator, not the people or accounts
/// of a division it is in.
/// </summary>
public abstract class SuspendedAgencyPowerTests(PortalFixture fixture)
{
    private sealed record World(Agency Agency, Division East, Account Suspended, Account Free, AppUser Ada, AppUser Tom, AppUser Uma);

    private Task<World> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var east = await data.DivisionAsync(agency, "East");
        var suspended = await data.AccountAsync(agency, east, TestData.Unique("Harbour"));
        var free = await data.AccountAsync(agency, name: TestData.Unique("Meadow"));
        var ada = await data.MemberAsync(suspended, AccountRole.CallAgent, "Ada", "Agency");
        await data.AgencyRoleAsync(agency, ada, AgencyRole.AgencyAdministrator);
        await data.SuspendAsync(suspended, ada);
        var tom = await data.UserAsync("tom", "Tom", "Agency");
        await data.AgencyRoleAsync(agency, tom, AgencyRole.AgencyAdministrator);
        return new World(agency, east, suspended, free, ada, tom, await data.MemberAsync(free, AccountRole.CallAgent, "Uma", "User"));
    });

    private Task<Guid?> DivisionOfAsync(Account account) =>
        fixture.WithDataAsync(data => data.Db.Accounts.AsNoTracking().Where(a => a.Id == account.Id).Select(a => a.DivisionId).SingleAsync());

    private static string Error(HttpResponseMessage response, string selector) =>
        Browser.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).QuerySelector(selector)?.TextContent ?? "";

    [Fact]
    public async Task SuspendedInOneAccount_AnAgencyAdministrator_GivesNoAgencyRole_AndRemovesNoAgencyAdministrator()
    {
        var w = await WorldAsync();
        using var ada = await fixture.SignedInAsync(w.Ada);
        var userPage = $"/accounts/{w.Free.Id}/users/{w.Uma.Id}";
        var page = await ada.GetDocumentAsync(userPage);

        using var grant = await ada.PostWithTokenAsync($"{userPage}/roles", new Dictionary<string, string>
        {
            ["Roles.ConcurrencyStamp"] = page.QuerySelector("input[name='Roles.ConcurrencyStamp']")!.GetAttribute("value")!,
            ["Roles.AddRole"] = "agency:MarketingManager",
        });
        using var remove = await ada.PostWithTokenAsync($"/agencies/{w.Agency.Id}/users/{w.Tom.Id}/remove", new Dictionary<string, string>());

        Assert.Contains($"You are suspended in {w.Suspended.Name}", Error(grant, "[data-valmsg-for='Roles.AddRole']"));
        Assert.Contains($"You are suspended in {w.Suspended.Name}", Error(remove, "[role=alert]"));
        await fixture.WithDataAsync(async data =>
        {
            Assert.False(await data.Db.AgencyRoleGrants.AnyAsync(g => g.UserId == w.Uma.Id));
            Assert.True(await data.Db.AgencyRoleGrants.AnyAsync(g => g.UserId == w.Tom.Id && g.Role == AgencyRole.AgencyAdministrator));
        });
    }

    [Fact]
    public async Task SuspendedInAnAccountOfTheDivision_AnAgencyAdministrator_ChangesNeitherItsPeopleNorItsAccounts_NorDeletesIt()
    {
        var w = await WorldAsync();
        using var ada = await fixture.SignedInAsync(w.Ada);
        var division = $"/agencies/{w.Agency.Id}/divisions/{w.East.Id}";

        using var members = await ada.PostWithTokenAsync($"{division}?handler=Save", new Dictionary<string, string>
        {
            ["Pick.Editor"] = "users",
            ["Pick.Added"] = PickerTokens.Token(w.Uma.Id),
            ["Pick.Removed"] = "",
        });
        using var takeOut = await ada.PostWithTokenAsync($"{division}?handler=Save", new Dictionary<string, string>
        {
            ["Pick.Editor"] = "accounts",
            ["Pick.Added"] = "",
            ["Pick.Removed"] = PickerTokens.Token(w.Suspended.Id),
        });
        using var delete = await ada.PostWithTokenAsync($"{division}?handler=Delete", new Dictionary<string, string>());
        var afterDelete = await ada.GetDocumentAsync(delete.Headers.Location!.OriginalString);
        using var divisions = await ada.PostWithTokenAsync($"/accounts/{w.Free.Id}/users/{w.Uma.Id}/divisions", new Dictionary<string, string>
        {
            ["DivisionChoice.Shown"] = w.East.Id.ToString(),
            ["DivisionChoice.Chosen"] = w.East.Id.ToString(),
        });

        var suspended = $"You are suspended in {w.Suspended.Name}";
        Assert.Contains(suspended, Error(members, "#picker-error"));
        Assert.Contains(suspended, Error(takeOut, "#picker-error"));
        Assert.Contains(suspended, afterDelete.QuerySelector("#status-message")!.TextContent);
        Assert.Contains(suspended, Error(divisions, "#divisions-error"));
        Assert.Equal(w.East.Id, await DivisionOfAsync(w.Suspended));
        await fixture.WithDataAsync(async data =>
        {
            Assert.True(await data.Db.Divisions.AnyAsync(d => d.Id == w.East.Id));
            Assert.False(await data.Db.DivisionMembers.AnyAsync(m => m.UserId == w.Uma.Id));
        });
    }

    [Fact]
    public async Task SuspendedInOneAccount_AnAgencyAdministrator_StillMovesAnotherAccount_AndManagesItsUsers()
    {
        var w = await WorldAsync();
        using var ada = await fixture.SignedInAsync(w.Ada);

        using var bringIn = await ada.PostWithTokenAsync($"/agencies/{w.Agency.Id}/divisions/{w.East.Id}?handler=Save", new Dictionary<string, string>
        {
            ["Pick.Editor"] = "accounts",
            ["Pick.Added"] = PickerTokens.Token(w.Free.Id),
            ["Pick.Removed"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, bringIn.StatusCode);
        Assert.Equal(w.East.Id, await DivisionOfAsync(w.Free));
        await ada.GetDocumentAsync($"/accounts/{w.Free.Id}/users");
        await ada.GetDocumentAsync($"/accounts/{w.Suspended.Id}/users", HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SuspendedAgencyPowerSqliteTests(SqlitePortal fixture) : SuspendedAgencyPowerTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SuspendedAgencyPowerPostgresTests(PostgresPortal fixture) : SuspendedAgencyPowerTests(fixture);
