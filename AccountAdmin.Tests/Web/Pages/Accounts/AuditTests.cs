using System.Net;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Tests.Web.Pages.Accounts;

public abstract class AuditTests(PortalFixture fixture)
{
    private sealed record Setup(Agency Agency, Account Account, AppUser Owner, AppUser Agent, AppUser Removed, AppUser AgencyAdmin, AppUser Support);

    private Task<Setup> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var owner = await data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner");
        var agent = await data.MemberAsync(account, AccountRole.CallAgent, "Abe", "Agent");
        var removed = await data.MemberAsync(account, AccountRole.CallAgent, "Rita", "Removed");
        var agencyAdmin = await data.UserAsync("aa", "Ada", "Agency");
        await data.AgencyRoleAsync(agency, agencyAdmin, AgencyRole.AgencyAdministrator);
        var support = await data.UserAsync("support", "Sam", "Support");
        await data.SupportStaffAsync(support);
        (await data.Db.Memberships.SingleAsync(m => m.UserId == removed.Id)).End(owner.Id, DateTime.UtcNow);
        await data.Db.SaveChangesAsync();
        await data.ArchiveAsync(removed);
        var day = new DateTime(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);
        data.Db.AuditEvents.AddRange(
            new AuditEvent(day, AuditActions.MembershipEnded, owner.Id, null, agency.Id, account.Id, removed.Id, "Rita went", null),
            new AuditEvent(day.AddHours(1), AuditActions.PreferencesUpdated, agent.Id, support.Id, agency.Id, account.Id, agent.Id, "as the agent", null));
        await data.Db.SaveChangesAsync();
        return new Setup(agency, account, owner, agent, removed, agencyAdmin, support);
    });

    [Fact]
    public async Task TheOwner_FiltersTheLogByARemovedUser_AndSeesBothNamesOnWhatWasDoneAsSomeoneElse()
    {
        var s = await SetupAsync();
        using var owner = await fixture.SignedInAsync(s.Owner);
        var url = $"/accounts/{s.Account.Id}/audit";

        var all = await owner.GetDocumentAsync($"{url}?from=2026-10-01&to=2026-10-01");
        var rita = await owner.GetDocumentAsync($"{url}?user=rita&from=2026-10-01&to=2026-10-31");
        var nobody = await owner.GetDocumentAsync($"{url}?user=zzzz-nobody");
        var badDate = await owner.GetDocumentAsync($"{url}?from=yesterday");

        var impersonated = all.QuerySelector($"tr[data-action='{AuditActions.PreferencesUpdated}']")!;
        Assert.Equal("Abe Agent", impersonated.QuerySelector("[data-column=actor]")!.FirstChild!.TextContent.Trim());
        Assert.Contains("by Sam Support", impersonated.QuerySelector("[data-column=impersonator]")!.TextContent);
        Assert.Equal(["Rita went"], rita.QuerySelectorAll("#audit-events tbody tr td:nth-child(5)").Select(c => c.TextContent));
        Assert.Contains("Rita Removed (removed)", rita.QuerySelector("#audit-users")!.TextContent);
        Assert.Contains("No user matches", nobody.QuerySelector("#audit-problems")!.TextContent);
        Assert.Contains("From date", badDate.QuerySelector("#audit-problems")!.TextContent);
        Assert.NotNull(all.QuerySelector("#nav-audit.active"));
    }

    [Fact]
    public async Task TheExport_IsACsvOfWhatTheFilterSelects()
    {
        var s = await SetupAsync();
        using var owner = await fixture.SignedInAsync(s.Owner);
        var page = await owner.GetDocumentAsync($"/accounts/{s.Account.Id}/audit?from=2026-10-01&to=2026-10-31");

        using var response = await owner.GetAsync(page.QuerySelector("#audit-export")!.GetAttribute("href")!);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = body.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"Abe Agent\",\"Sam Support\"", lines[1]);
        Assert.True(await fixture.WithDataAsync(data => data.Db.AuditEvents.AnyAsync(e => e.Action == AuditActions.AuditExported && e.AccountId == s.Account.Id)));
    }

    [Fact]
    public async Task TheAgencyLog_AndTheSupportLog_ShowTheAccountsEvents()
    {
        var s = await SetupAsync();
        using var agencyAdmin = await fixture.SignedInAsync(s.AgencyAdmin);
        using var support = await fixture.SignedInAsync(s.Support);

        var agency = await agencyAdmin.GetDocumentAsync($"/agencies/{s.Agency.Id}/audit?from=2026-10-01&to=2026-10-31");
        var everywhere = await support.GetDocumentAsync($"/support/audit?user={Uri.EscapeDataString(s.Removed.Email!)}");

        Assert.Equal(2, agency.QuerySelectorAll("#audit-events tbody tr").Length);
        Assert.Contains(s.Account.Name, agency.QuerySelector("#audit-events")!.TextContent);
        Assert.Contains("Rita went", everywhere.QuerySelector("#audit-events")!.TextContent);
    }

    [Fact]
    public async Task TheLogs_AreRefused_WithoutThePermission_AndToOtherAgencies()
    {
        var s = await SetupAsync();
        var other = await SetupAsync();
        using var agent = await fixture.SignedInAsync(s.Agent);
        using var owner = await fixture.SignedInAsync(s.Owner);
        using var foreign = await fixture.SignedInAsync(other.Owner);
        using var foreignAdmin = await fixture.SignedInAsync(other.AgencyAdmin);

        await agent.GetDocumentAsync($"/accounts/{s.Account.Id}/audit", HttpStatusCode.Forbidden);
        await foreign.GetDocumentAsync($"/accounts/{s.Account.Id}/audit", HttpStatusCode.Forbidden);
        await owner.GetDocumentAsync($"/agencies/{s.Agency.Id}/audit", HttpStatusCode.Forbidden);
        await foreignAdmin.GetDocumentAsync($"/agencies/{s.Agency.Id}/audit", HttpStatusCode.Forbidden);
        await owner.GetDocumentAsync($"/accounts/{Guid.NewGuid()}/audit", HttpStatusCode.NotFound);
        foreach (var url in new[] { $"/accounts/{s.Account.Id}/audit?handler=Export", $"/agencies/{s.Agency.Id}/audit?handler=Export" })
        {
            using var export = await foreign.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        }

        var forged = await owner.GetDocumentAsync($"/accounts/{s.Account.Id}/audit?after=forged");
        Assert.Contains("page link is not valid", forged.QuerySelector("#audit-problems")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditSqliteTests(SqlitePortal fixture) : AuditTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AuditPostgresTests(PostgresPortal fixture) : AuditTests(fixture);
