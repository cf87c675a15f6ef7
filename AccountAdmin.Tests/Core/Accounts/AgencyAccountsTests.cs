using AccountAdmin.Core;
using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Accounts;

public abstract class AgencyAccountsTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IAgencyAccounts, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IAgencyAccounts>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private Task<AgencyContext> AgencyOfAsync(AppUser user, Agency agency) =>
        fixture.RunAsync(async sp => (await sp.GetRequiredService<IAccessService>().GetAgencyAsync(user.Id, agency.Id))!);

    private sealed record Setup(Agency Agency, AppUser Admin, Division East, Division West, AppUser EastAdmin, AppUser BothAdmin, Account Main);

    private Task<Setup> SetupAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var admin = await data.UserAsync("aa");
        await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
        var east = await data.DivisionAsync(agency, "East");
        var west = await data.DivisionAsync(agency, "West");
        var eastAdmin = await data.UserAsync("east");
        await data.DivisionAdministratorAsync(east, eastAdmin);
        var bothAdmin = await data.UserAsync("both");
        await data.DivisionAdministratorAsync(east, bothAdmin);
        await data.DivisionAdministratorAsync(west, bothAdmin);
        return new Setup(agency, admin, east, west, eastAdmin, bothAdmin, await data.AccountAsync(agency, name: "Main"));
    });

    private Task<AccountSettingsView> SettingsAsync(AppUser user, Account account) => fixture.RunAsync(async sp =>
        await sp.GetRequiredService<IAgencyAccounts>().SettingsAsync(
            user.Id, (await sp.GetRequiredService<IAccessService>().GetAsync(user.Id, account.Id))!.Account));

    private Task<Guid?> DivisionOfAsync(Guid accountId) =>
        QueryAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.DivisionId).SingleAsync());

    [Fact]
    public async Task ADivisionAdministratorWithOneDivision_GetsTheNewAccountThere_WithoutChoosing()
    {
        var s = await SetupAsync();

        var choices = await RunAsync(async a => await a.ChoicesAsync(await AgencyOfAsync(s.EastAdmin, s.Agency)));
        var (result, id) = await RunAsync(a => a.CreateAsync(s.EastAdmin.Id, s.Agency.Id, "  East Branch ", null));

        Assert.Equal(s.East.Id, choices.Automatic?.Id);
        Assert.Equal(CommandStatus.Done, result.Status);
        Assert.Equal(s.East.Id, await DivisionOfAsync(id!.Value));
        Assert.Equal("East Branch", await QueryAsync(db => db.Accounts.Where(a => a.Id == id).Select(a => a.Name).SingleAsync()));
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.AccountCreated && e.AccountId == id && e.ActorUserId == s.EastAdmin.Id)));
    }

    [Fact]
    public async Task ADivisionAdministratorWithSeveral_Chooses_AndOnlyAmongTheirs()
    {
        var s = await SetupAsync();
        var elsewhere = await fixture.WithDataAsync(data => data.DivisionAsync(s.Agency, "Elsewhere"));

        var none = await RunAsync(a => a.CreateAsync(s.BothAdmin.Id, s.Agency.Id, "No choice", null));
        var foreign = await RunAsync(a => a.CreateAsync(s.BothAdmin.Id, s.Agency.Id, "Foreign", elsewhere.Id));
        var (chosen, id) = await RunAsync(a => a.CreateAsync(s.BothAdmin.Id, s.Agency.Id, "West Branch", s.West.Id));

        Assert.Equal([AccountErrors.ChooseDivision], none.Result.Errors);
        Assert.Equal([AccountErrors.DivisionNotOffered], foreign.Result.Errors);
        Assert.Equal(CommandStatus.Done, chosen.Status);
        Assert.Equal(s.West.Id, await DivisionOfAsync(id!.Value));
        Assert.Equal(0, await QueryAsync(db => db.Accounts.CountAsync(a => a.Name == "No choice" || a.Name == "Foreign")));
    }

    [Fact]
    public async Task AnAgencyAdministrator_MayLeaveTheAccountInNoDivision_OrPickAny_ButNotAnotherAgencys()
    {
        var s = await SetupAsync();
        var other = await SetupAsync();

        var (none, noneId) = await RunAsync(a => a.CreateAsync(s.Admin.Id, s.Agency.Id, "Loose", null));
        var (east, eastId) = await RunAsync(a => a.CreateAsync(s.Admin.Id, s.Agency.Id, "Eastern", s.East.Id));
        var foreign = await RunAsync(a => a.CreateAsync(s.Admin.Id, s.Agency.Id, "Foreign", other.East.Id));
        var blank = await RunAsync(a => a.CreateAsync(s.Admin.Id, s.Agency.Id, "  ", null));

        Assert.Equal((CommandStatus.Done, CommandStatus.Done), (none.Status, east.Status));
        Assert.Null(await DivisionOfAsync(noneId!.Value));
        Assert.Equal(s.East.Id, await DivisionOfAsync(eastId!.Value));
        Assert.Equal([AccountErrors.DivisionNotOffered], foreign.Result.Errors);
        Assert.Equal(["Name"], blank.Result.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task Owners_OtherAgencies_AndUnknownAgencies_CannotCreateAccounts()
    {
        var s = await SetupAsync();
        var (owner, outsider) = await fixture.WithDataAsync(async data =>
            (await data.MemberAsync(s.Main, AccountRole.Owner), await SetupAsync()));

        var asOwner = await RunAsync(a => a.CreateAsync(owner.Id, s.Agency.Id, "Mine", null));
        var asOutsider = await RunAsync(a => a.CreateAsync(outsider.Admin.Id, s.Agency.Id, "Theirs", null));
        var unknown = await RunAsync(a => a.CreateAsync(s.Admin.Id, Guid.NewGuid(), "Nowhere", null));

        Assert.Equal(
            [CommandStatus.Forbidden, CommandStatus.Forbidden, CommandStatus.NotFound],
            [asOwner.Result.Status, asOutsider.Result.Status, unknown.Result.Status]);
    }

    [Fact]
    public async Task TheList_PagesByName_WithUserCounts_AndADivisionAdministratorSeesOnlyTheirDivisions()
    {
        var s = await SetupAsync();
        await fixture.WithDataAsync(async data =>
        {
            foreach (var name in new[] { "Bravo", "Alpha", "Charlie" })
            {
                await data.AccountAsync(s.Agency, s.East, name);
            }

            var west = await data.AccountAsync(s.Agency, s.West, "Delta");
            await data.MemberAsync(west, AccountRole.CallAgent);
            await data.MemberAsync(west, AccountRole.Owner);
            return 0;
        });
        var admin = await AgencyOfAsync(s.Admin, s.Agency);
        var eastAdmin = await AgencyOfAsync(s.EastAdmin, s.Agency);

        var first = await RunAsync(a => a.ListAsync(admin, null, null, null, null, 2));
        var second = await RunAsync(a => a.ListAsync(admin, null, null, first.Rows[^1].Name, first.Rows[^1].Id, 2));
        var third = await RunAsync(a => a.ListAsync(admin, null, null, second.Rows[^1].Name, second.Rows[^1].Id, 2));
        var east = await RunAsync(a => a.ListAsync(eastAdmin, null, null, null, null, 10));
        var none = await RunAsync(a => a.ListAsync(admin, null, DivisionFilter.None, null, null, 10));
        var search = await RunAsync(a => a.ListAsync(admin, "ELT", null, null, null, 10));

        Assert.Equal(["Alpha", "Bravo", "Charlie", "Delta", "Main"], first.Rows.Concat(second.Rows).Concat(third.Rows).Select(r => r.Name));
        Assert.True(first.HasMore && second.HasMore && !third.HasMore);
        Assert.Equal(2, second.Rows.Single(r => r.Name == "Delta").Users);
        Assert.Equal("West", second.Rows.Single(r => r.Name == "Delta").DivisionName);
        Assert.Equal(["Alpha", "Bravo", "Charlie"], east.Rows.Select(r => r.Name));
        Assert.Equal(["Main"], none.Rows.Select(r => r.Name));
        Assert.Equal(["Delta"], search.Rows.Select(r => r.Name));
    }

    [Fact]
    public async Task Settings_RenameForWhoeverManagesTheAccount_ButOnlyAnAgencyAdministratorMovesIt()
    {
        var s = await SetupAsync();
        var (account, owner) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync(s.Agency, s.East, "Before");
            return (account, await data.MemberAsync(account, AccountRole.Owner));
        });

        var renamed = await RunAsync(a => a.SaveSettingsAsync(owner.Id, account.Id, " After ", s.East.Id, s.East.Id));
        var ownerMoves = await RunAsync(a => a.SaveSettingsAsync(owner.Id, account.Id, "After", s.West.Id, s.East.Id));
        var divisionAdminMoves = await RunAsync(a => a.SaveSettingsAsync(s.EastAdmin.Id, account.Id, "After", null, s.East.Id));
        var moved = await RunAsync(a => a.SaveSettingsAsync(s.Admin.Id, account.Id, "After", s.West.Id, s.East.Id));
        var stale = await RunAsync(a => a.SaveSettingsAsync(s.Admin.Id, account.Id, "Stale", null, s.East.Id));
        var viewOfOwner = await SettingsAsync(owner, account);
        var viewOfAdmin = await SettingsAsync(s.Admin, account);

        Assert.Equal(CommandStatus.Done, renamed.Status);
        Assert.Equal([CommandStatus.Forbidden, CommandStatus.Forbidden], [ownerMoves.Status, divisionAdminMoves.Status]);
        Assert.Equal(CommandStatus.Done, moved.Status);
        Assert.Equal([AccountErrors.MovedMeanwhile], stale.Errors);
        var saved = await QueryAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account.Id));
        Assert.Equal(("After", (Guid?)s.West.Id), (saved.Name, saved.DivisionId));
        Assert.False(viewOfOwner!.CanChooseDivision);
        Assert.Equal(["East", "West"], viewOfAdmin!.Divisions.Select(d => d.Name));
        Assert.Equal(
            [AuditActions.AccountRenamed, AuditActions.AccountDivisionChanged],
            await QueryAsync(db => db.AuditEvents.Where(e => e.AccountId == account.Id && e.Action != AuditActions.AccountCreated && e.Action.StartsWith("account.")).OrderBy(e => e.OccurredAt).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task Settings_RefuseADivisionOfAnotherAgency_AndABlankName()
    {
        var s = await SetupAsync();
        var other = await SetupAsync();

        var foreign = await RunAsync(a => a.SaveSettingsAsync(s.Admin.Id, s.Main.Id, "Main", other.East.Id, null));
        var blank = await RunAsync(a => a.SaveSettingsAsync(s.Admin.Id, s.Main.Id, "", null, null));
        var outsider = await RunAsync(a => a.SaveSettingsAsync(other.Admin.Id, s.Main.Id, "Taken over", null, null));

        Assert.Equal([AccountErrors.DivisionNotOffered], foreign.Errors);
        Assert.Equal(["Name"], blank.Errors.Select(e => e.Field));
        Assert.Equal(CommandStatus.Forbidden, outsider.Status);
        Assert.Null(await DivisionOfAsync(s.Main.Id));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class AgencyAccountsSqliteTests(SqliteCore fixture) : AgencyAccountsTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class AgencyAccountsPostgresTests(PostgresCore fixture) : AgencyAccountsTests(fixture);
