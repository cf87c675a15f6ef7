using System.Net;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using AccountAdmin.Web.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts.Users;

/// <summary>
/// People with roles in several accounts: a page in one account must not change what the user can do in another. One test
/// for each escalation found by trying it, each through real HTTP with the session's own antiforgery token.
/// </summary>
public abstract class CrossAccountTests(PortalFixture fixture)
{
    private sealed record World(Agency Agency, Account Main, Account West, Division East, AppUser Owner, AppUser Admin);

    private Task<World> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var east = await data.DivisionAsync(agency);
        var main = await data.AccountAsync(agency);
        var west = await data.AccountAsync(agency);
        return new World(
            agency, main, west, east,
            await data.MemberAsync(main, AccountRole.Owner, "Olga", "Owner"),
            await data.MemberAsync(main, AccountRole.Administrator, "Adam", "Admin"));
    });

    private Task<string?> PasswordHashAsync(AppUser user) =>
        fixture.WithDataAsync(data => data.Db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync());

    private Task<List<AccountRole>> RolesAsync(AppUser user, Account account) =>
        fixture.WithDataAsync(data => data.Db.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id && m.AccountId == account.Id && m.EndedAt == null).Select(m => m.Role).ToListAsync());

    [Fact]
    public async Task AnAdministrator_CannotSetThePassword_OfAnAgentWhoIsOwnerOfAnotherAccount()
    {
        var w = await WorldAsync();
        var target = await fixture.WithDataAsync(async data =>
        {
            var agent = await data.MemberAsync(w.Main, AccountRole.CallAgent, "Tess", "Twofold");
            await data.GrantAsync(w.West, agent, AccountRole.Owner);
            return agent;
        });
        var before = await PasswordHashAsync(target);
        using var admin = await fixture.SignedInAsync(w.Admin);

        var page = await admin.GetDocumentAsync($"/accounts/{w.Main.Id}/users/{target.Id}");
        using var response = await admin.PostWithTokenAsync($"/accounts/{w.Main.Id}/users/{target.Id}/password", new Dictionary<string, string>
        {
            ["Password.NewPassword"] = "Taken-Over-2026!",
            ["Password.ConfirmPassword"] = "Taken-Over-2026!",
        });

        Assert.Null(page.QuerySelector("#password-form"));
        Assert.Contains(w.West.Name, page.QuerySelector("#beyond-notice")!.TextContent);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Input_Email")!.IsReadOnly);
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await PasswordHashAsync(target));
        using var attacker = fixture.NewBrowser();
        using var signIn = await attacker.PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = target.Email!,
            ["Input.Password"] = "Taken-Over-2026!",
        });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task LoggedInAs_AnOwnerOfAnotherAccount_TheOwnerCannotGiveThemselvesThatAccount_ThroughIdsInTheForm()
    {
        var w = await WorldAsync();
        var twofold = await fixture.WithDataAsync(async data =>
        {
            var admin = await data.MemberAsync(w.Main, AccountRole.Administrator, "Theo", "Twofold");
            await data.GrantAsync(w.West, admin, AccountRole.Owner);
            return admin;
        });
        using var browser = await fixture.SignedInAsync(w.Owner);
        using var started = await browser.PostFormAsync(
            $"/impersonation/start?accountId={w.Main.Id}&userId={twofold.Id}", new Dictionary<string, string> { ["Reason"] = "" }, "#impersonation-form");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);

        var ownersPage = await browser.GetDocumentAsync($"/accounts/{w.Main.Id}/users/{w.Owner.Id}");
        var stamp = ownersPage.QuerySelector<IHtmlInputElement>("input[name='Roles.ConcurrencyStamp']")?.Value
            ?? await fixture.WithDataAsync(data => data.Db.Users.Where(u => u.Id == w.Owner.Id).Select(u => u.ConcurrencyStamp!).SingleAsync());
        using var forged = await browser.PostWithTokenAsync($"/accounts/{w.Main.Id}/users/{w.Owner.Id}/roles", new Dictionary<string, string>
        {
            ["Roles.ConcurrencyStamp"] = stamp,
            ["Roles.AddRole"] = "Owner",
            ["Roles.AddAccountIds"] = w.West.Id.ToString(),
        });

        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Empty(await RolesAsync(w.Owner, w.West));
        Assert.DoesNotContain(w.West.Name, ownersPage.QuerySelector("#roles-form")?.TextContent ?? "");
    }

    [Fact]
    public async Task SupportStaff_CannotBeGivenACustomerRole_ThroughShowUser()
    {
        var w = await WorldAsync();
        var support = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync("support", "Sam", "Support");
            var tracked = await data.Db.Users.SingleAsync(u => u.Id == user.Id);
            tracked.MakeSupportStaff();
            await data.Db.SaveChangesAsync();
            return user;
        });
        var mailBefore = await fixture.WithDataAsync(data => data.Db.OutboxMessages.CountAsync(m => m.To == support.Email));
        using var owner = await fixture.SignedInAsync(w.Owner);

        using var response = await owner.PostWithTokenAsync($"/accounts/{w.Main.Id}/users/existing/{support.Id}", new Dictionary<string, string>
        {
            ["Role"] = "CallAgent",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Support staff can't be given a role", Browser.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Empty(await RolesAsync(support, w.Main));
        Assert.Equal(mailBefore, await fixture.WithDataAsync(data => data.Db.OutboxMessages.CountAsync(m => m.To == support.Email)));
    }

    [Fact]
    public async Task ADivisionAdministrator_CannotBringAnAccountTheyDontAdminister_IntoTheirDivision()
    {
        var w = await WorldAsync();
        var divisionAdmin = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync("da", "Dana", "Division");
            await data.DivisionAdministratorAsync(w.East, user);
            return user;
        });
        using var browser = await fixture.SignedInAsync(divisionAdmin);
        var division = $"/agencies/{w.Agency.Id}/divisions/{w.East.Id}";

        var picker = await browser.GetDocumentAsync($"{division}?edit=accounts");
        using var forged = await browser.PostWithTokenAsync($"{division}?handler=Save", new Dictionary<string, string>
        {
            ["Pick.Editor"] = "accounts",
            ["Pick.Added"] = PickerTokens.Token(w.Main.Id),
            ["Pick.Removed"] = "",
        });

        Assert.DoesNotContain(w.Main.Name, picker.Body!.TextContent);
        Assert.Contains("don't administer", Browser.Parse(await forged.Content.ReadAsStringAsync()).QuerySelector("#picker-error")!.TextContent);
        Assert.Null(await fixture.WithDataAsync(data => data.Db.Accounts.Where(a => a.Id == w.Main.Id).Select(a => a.DivisionId).SingleAsync()));
        await browser.GetDocumentAsync($"/accounts/{w.Main.Id}/users", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ADivisionAdministrator_CannotMakeTheirDerivedRoleAMembership_ThroughShowUserOrRestore()
    {
        var w = await WorldAsync();
        var (divisionAdmin, inEast) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync(w.Agency, w.East);
            var user = await data.UserAsync("da", "Dora", "Division");
            await data.DivisionAdministratorAsync(w.East, user);
            await data.GrantAsync(account, user, AccountRole.CallAgent);
            var membership = await data.Db.Memberships.SingleAsync(m => m.AccountId == account.Id && m.UserId == user.Id);
            membership.End(w.Owner.Id, DateTime.UtcNow);
            await data.Db.SaveChangesAsync();
            return (user, account);
        });
        using var browser = await fixture.SignedInAsync(divisionAdmin);

        using var showUser = await browser.PostWithTokenAsync($"/accounts/{inEast.Id}/users/existing/{divisionAdmin.Id}", new Dictionary<string, string>
        {
            ["Role"] = "Administrator",
        });
        using var restore = await browser.PostWithTokenAsync($"/accounts/{inEast.Id}/users/archived?handler=Restore&userId={divisionAdmin.Id}", new Dictionary<string, string>
        {
            ["userId"] = divisionAdmin.Id.ToString(),
        });

        Assert.Contains("You can't change your own roles", Browser.Parse(await showUser.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Empty(await RolesAsync(divisionAdmin, inEast));
    }

    [Fact]
    public async Task AnAdministratorOfTwoAccounts_MayStillSetThePassword_OfAnAgentOfBoth()
    {
        var w = await WorldAsync();
        var agent = await fixture.WithDataAsync(async data =>
        {
            var user = await data.MemberAsync(w.Main, AccountRole.CallAgent, "Bea", "Both");
            await data.GrantAsync(w.West, user, AccountRole.CallAgent);
            await data.GrantAsync(w.West, w.Admin, AccountRole.Administrator);
            return user;
        });
        var before = await PasswordHashAsync(agent);
        using var admin = await fixture.SignedInAsync(w.Admin);

        using var response = await admin.PostFormAsync($"/accounts/{w.Main.Id}/users/{agent.Id}", new Dictionary<string, string>
        {
            ["Password.NewPassword"] = "Brand-New-Pass-2026!",
            ["Password.ConfirmPassword"] = "Brand-New-Pass-2026!",
        }, "#password-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(before, await PasswordHashAsync(agent));
        using var asAgent = fixture.NewBrowser();
        await asAgent.SignInAsync(agent.Email!, "Brand-New-Pass-2026!");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CrossAccountSqliteTests(SqlitePortal fixture) : CrossAccountTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class CrossAccountPostgresTests(PostgresPortal fixture) : CrossAccountTests(fixture);
