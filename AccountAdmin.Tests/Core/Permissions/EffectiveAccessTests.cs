using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Permissions;

public abstract class EffectiveAccessTests(CoreFixture fixture)
{
    [Fact]
    public async Task EachAccount_ShowsItsPermissions_WithWhereEachComesFrom()
    {
        var (agency, main, east, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var main = await data.AccountAsync(agency);
            var east = await data.AccountAsync(agency, division);
            await data.AccountAsync(agency, division);
            await data.AccountAsync(agency);
            var user = await data.MemberAsync(main, AccountRole.CallAgent);
            await data.GrantAsync(east, user, AccountRole.BillingManager);
            await data.DivisionMemberAsync(division, user);
            await data.AgencyRoleAsync(agency, user, AgencyRole.AgencyBillingManager);
            return (agency, main, east, user);
        });

        var lines = await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id));

        var mainLine = Assert.Single(lines, l => l.AccountId == main.Id);
        Assert.Equal([Permission.ViewBilling, Permission.MakeCalls], mainLine.Access.Permissions);
        Assert.Equal([Grant.Of(AgencyRole.AgencyBillingManager)], mainLine.Access.SourcesOf(Permission.ViewBilling));
        var eastLine = Assert.Single(lines, l => l.AccountId == east.Id);
        Assert.Contains(eastLine.Access.Sources, s => s.Kind == GrantKind.DivisionMember);
        Assert.Contains(Grant.Of(AccountRole.BillingManager), eastLine.Access.SourcesOf(Permission.ViewBilling));
        var division = Assert.Single(lines, l => l.AccountId is null && l.Scope.Contains("division"));
        Assert.Equal(1, division.AccountCount);
        Assert.True(division.Access.Has(Permission.ManageReports));
        var agencyWide = Assert.Single(lines, l => l.AccountId is null && l.Scope.Contains("agency"));
        Assert.Equal(1, agencyWide.AccountCount);
        Assert.Equal([Permission.ViewBilling], agencyWide.Access.Permissions);
    }

    [Fact]
    public async Task ASuspension_ShowsAsNoPermissionThere()
    {
        var (agency, main, user) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var main = await data.AccountAsync(agency);
            var user = await data.MemberAsync(main, AccountRole.ReportManager);
            await data.SuspendAsync(main, user);
            return (agency, main, user);
        });

        var line = Assert.Single(await fixture.RunAsync(sp => sp.GetRequiredService<IEffectiveAccess>().ExplainAsync(user.Id, agency.Id)));

        Assert.Equal(main.Id, line.AccountId);
        Assert.Equal(AccessDenial.Suspended, line.Access.Denial);
        Assert.False(line.Access.Any);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class EffectiveAccessSqliteTests(SqliteCore fixture) : EffectiveAccessTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class EffectiveAccessPostgresTests(PostgresCore fixture) : EffectiveAccessTests(fixture);
