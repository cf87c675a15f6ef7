using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Divisions;

public abstract class DivisionServiceTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IDivisionService, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IDivisionService>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private Task<AgencyContext> AgencyOfAsync(AppUser user, Agency agency) =>
        fixture.RunAsync(async sp => (await sp.GetRequiredService<IAccessService>().GetAgencyAsync(user.Id, agency.Id))!);

    private Task<AccountContext> AccessAsync(AppUser user, Account account) =>
        fixture.RunAsync(async sp => (await sp.GetRequiredService<IAccessService>().GetAsync(user.Id, account.Id))!);

    private Task<Guid?> DivisionOfAsync(Account account) =>
        QueryAsync(db => db.Accounts.Where(a => a.Id == account.Id).Select(a => a.DivisionId).SingleAsync());

    private sealed record Agency2(Agency Agency, AppUser Admin, Division East, Division West, Account Free, Account InEast, Account InWest);

    /// <summary>An agency with an Agency Administrator, two divisions and an account in each and one in none.</summary>
    private Task<Agency2> AgencyAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var admin = await data.UserAsync("aa", "Ada", "Agency");
        await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
        var east = await data.DivisionAsync(agency, TestData.Unique("East"));
        var west = await data.DivisionAsync(agency, TestData.Unique("West"));
        return new Agency2(agency, admin, east, west,
            await data.AccountAsync(agency, name: TestData.Unique("Free")),
            await data.AccountAsync(agency, east, TestData.Unique("InEast")),
            await data.AccountAsync(agency, west, TestData.Unique("InWest")));
    });

    private Task<(IReadOnlyList<PickerOption> Eligible, IReadOnlyList<PickerOption> Assigned)> PickerAsync(AgencyContext actor, Division division, DivisionEditor editor) =>
        fixture.RunAsync(async sp =>
        {
            var picker = sp.GetRequiredService<IDivisionPicker>();
            var eligible = await picker.PageAsync(actor, division.Id, editor, PickerSide.Eligible, PickerPending.None, null, null, 100);
            var assigned = await picker.PageAsync(actor, division.Id, editor, PickerSide.Assigned, PickerPending.None, null, null, 100);
            return (eligible.Options, assigned.Options);
        });

    private static List<PickedItem> Tokens(params (Guid Id, Guid? ShownIn)[] items) => items.Select(i => new PickedItem(i.Id, i.ShownIn)).ToList();

    [Fact]
    public async Task NewDivision_IsRefused_WhenTheAgencyHasTheNameInAnyCase_ButAnotherAgencyMayHaveIt()
    {
        var a = await AgencyAsync();
        var other = await AgencyAsync();

        var duplicate = await RunAsync(s => s.CreateAsync(a.Admin.Id, a.Agency.Id, "  " + a.East.Name.ToUpperInvariant() + " ", null));
        var blank = await RunAsync(s => s.CreateAsync(a.Admin.Id, a.Agency.Id, " ", new string('x', 1001)));
        var elsewhere = await RunAsync(s => s.CreateAsync(other.Admin.Id, other.Agency.Id, a.East.Name.ToLowerInvariant(), "Same name, other agency"));
        var renamed = await RunAsync(s => s.UpdateAsync(a.Admin.Id, a.Agency.Id, a.West.Id, a.East.Name.ToLowerInvariant(), null));

        Assert.Equal([DivisionErrors.DuplicateName], duplicate.Result.Errors);
        Assert.Equal(["Name", "Description"], blank.Result.Errors.Select(e => e.Field));
        Assert.Equal(CommandStatus.Done, elsewhere.Result.Status);
        Assert.Equal([DivisionErrors.DuplicateName], renamed.Errors);
        Assert.Equal(2, await QueryAsync(db => db.Divisions.CountAsync(d => d.AgencyId == a.Agency.Id)));
        Assert.Equal(a.West.Name, await QueryAsync(db => db.Divisions.Where(d => d.Id == a.West.Id).Select(d => d.Name).SingleAsync()));
    }

    [Fact]
    public async Task NewDivision_IsCreatedWithItsDescription_AndListedWithItsCounts()
    {
        var a = await AgencyAsync();
        var member = await fixture.WithDataAsync(async data =>
        {
            var user = await data.MemberAsync(a.InEast, AccountRole.CallAgent);
            await data.DivisionMemberAsync(a.East, user);
            await data.DivisionAdministratorAsync(a.East, a.Admin);
            return user;
        });

        var (result, id) = await RunAsync(s => s.CreateAsync(a.Admin.Id, a.Agency.Id, "  North  ", " Up there "));
        var list = await RunAsync(async s => await s.ListAsync(await AgencyOfAsync(a.Admin, a.Agency)));

        Assert.Equal(CommandStatus.Done, result.Status);
        var north = list.Single(d => d.Id == id);
        Assert.Equal(("North", "Up there", 0, 0, 0), (north.Name, north.Description, north.Accounts, north.Members, north.Administrators));
        Assert.Equal((1, 1, 1), list.Where(d => d.Id == a.East.Id).Select(d => (d.Accounts, d.Members, d.Administrators)).Single());
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.DivisionCreated && e.ActorUserId == a.Admin.Id && e.Details == "North")));
        Assert.NotNull(member);
    }

    [Fact]
    public async Task SavingAccounts_MovesOneInFromNoDivision_AndOneFromAnotherDivision_WhichLosesIt()
    {
        var a = await AgencyAsync();
        var before = await QueryAsync(db => db.Memberships.CountAsync());

        var change = await RunAsync(s => s.SaveAsync(
            a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts,
            after: Tokens((a.InEast.Id, null), (a.Free.Id, null), (a.InWest.Id, a.West.Id)),
            before: Tokens((a.InEast.Id, null))));

        Assert.Equal((CommandStatus.Done, 2, 0), (change.Result.Status, change.Added, change.Removed));
        Assert.Equal(a.East.Id, await DivisionOfAsync(a.Free));
        Assert.Equal(a.East.Id, await DivisionOfAsync(a.InWest));
        Assert.Equal(0, await QueryAsync(db => db.Accounts.CountAsync(x => x.DivisionId == a.West.Id)));
        Assert.Equal(before, await QueryAsync(db => db.Memberships.CountAsync()));
        var details = await QueryAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.AccountDivisionChanged && e.AccountId == a.InWest.Id)
            .Select(e => new { e.Details, e.ActorUserId }).SingleAsync());
        Assert.Equal(($"{a.West.Name} → {a.East.Name}", (Guid?)a.Admin.Id), (details.Details, details.ActorUserId));
    }

    [Fact]
    public async Task TakingAnAccountOut_LeavesItInNoDivision_AndDeletesNothing()
    {
        var a = await AgencyAsync();
        var member = await fixture.WithDataAsync(async data =>
        {
            var user = await data.MemberAsync(a.InEast, AccountRole.CallAgent);
            await data.DivisionMemberAsync(a.East, user);
            return user;
        });

        var change = await RunAsync(s => s.SaveAsync(
            a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts, after: [], before: Tokens((a.InEast.Id, null))));

        Assert.Equal((CommandStatus.Done, 0, 1), (change.Result.Status, change.Added, change.Removed));
        Assert.Null(await DivisionOfAsync(a.InEast));
        Assert.True(await QueryAsync(db => db.Memberships.AnyAsync(m => m.UserId == member.Id && m.AccountId == a.InEast.Id && m.EndedAt == null)));
        Assert.True(await QueryAsync(db => db.DivisionMembers.AnyAsync(m => m.UserId == member.Id && m.DivisionId == a.East.Id)));
    }

    [Fact]
    public async Task AStalePicker_IsRefusedWithAMessage_AndNothingItAskedForIsSaved()
    {
        var a = await AgencyAsync();
        // The picker showed InWest in no division... but it is in West now, and Free went nowhere.
        var change = await RunAsync(s => s.SaveAsync(
            a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts,
            after: Tokens((a.Free.Id, null), (a.InWest.Id, null)),
            before: Tokens((a.InEast.Id, null))));

        Assert.Equal(CommandStatus.Refused, change.Result.Status);
        Assert.Equal("ChangedMeanwhile", change.Result.Errors.Single().Code);
        Assert.Contains($"{a.InWest.Name} is now in {a.West.Name}", change.Result.Errors.Single().Message);
        Assert.Null(await DivisionOfAsync(a.Free));
        Assert.Equal(a.West.Id, await DivisionOfAsync(a.InWest));
        Assert.Equal(a.East.Id, await DivisionOfAsync(a.InEast));
    }

    [Fact]
    public async Task AnAccountAddedBySomeoneElseMeanwhile_StaysWhenThisPickerSavesWithoutIt()
    {
        var a = await AgencyAsync();
        // Opened when East had only InEast; someone then added Free; this picker adds nothing and removes nothing.
        await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts,
            Tokens((a.InEast.Id, null), (a.Free.Id, null)), Tokens((a.InEast.Id, null))));

        var change = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts,
            Tokens((a.InEast.Id, null), (a.InWest.Id, a.West.Id)), Tokens((a.InEast.Id, null))));

        Assert.Equal(CommandStatus.Done, change.Result.Status);
        Assert.Equal(3, await QueryAsync(db => db.Accounts.CountAsync(x => x.DivisionId == a.East.Id)));
    }

    [Fact]
    public async Task AccountsOfAnotherAgency_UnknownIds_AndForgedLists_AreRefused_AndChangeNothing()
    {
        var a = await AgencyAsync();
        var other = await AgencyAsync();

        var foreign = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts,
            Tokens((a.Free.Id, null), (other.Free.Id, null)), []));
        var unknown = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts, Tokens((Guid.NewGuid(), null)), []));
        var forged = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts,
            Enumerable.Range(0, DivisionRules.MaxPicked + 1).Select(_ => new PickedItem(Guid.NewGuid(), null)).ToList(), []));
        var otherDivision = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, other.East.Id, DivisionEditor.Accounts, Tokens((other.Free.Id, null)), []));
        var otherAgency = await RunAsync(s => s.SaveAsync(a.Admin.Id, other.Agency.Id, other.East.Id, DivisionEditor.Accounts, Tokens((other.Free.Id, null)), []));

        Assert.Equal([DivisionErrors.NotInAgency], foreign.Result.Errors);
        Assert.Equal([DivisionErrors.NotInAgency], unknown.Result.Errors);
        Assert.Equal([DivisionErrors.Unreadable], forged.Result.Errors);
        Assert.Equal(CommandStatus.NotFound, otherDivision.Result.Status);
        Assert.Equal(CommandStatus.Forbidden, otherAgency.Result.Status);
        Assert.Null(await DivisionOfAsync(a.Free));
        Assert.Null(await DivisionOfAsync(other.Free));
    }

    [Fact]
    public async Task DivisionAdministrator_ManagesTheirDivisionsAccountsAndUsers_ButNotOthers_NorAdmins_NorNewDivisions()
    {
        var a = await AgencyAsync();
        var (divisionAdmin, user) = await fixture.WithDataAsync(async data =>
        {
            var divisionAdmin = await data.UserAsync("da", "Dan", "Division");
            await data.DivisionAdministratorAsync(a.East, divisionAdmin);
            return (divisionAdmin, await data.MemberAsync(a.Free, AccountRole.CallAgent));
        });
        var context = await AgencyOfAsync(divisionAdmin, a.Agency);

        var picker = await PickerAsync(context, a.East, DivisionEditor.Accounts);
        var fromWest = await RunAsync(s => s.SaveAsync(divisionAdmin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts,
            Tokens((a.InEast.Id, null), (a.InWest.Id, a.West.Id)), Tokens((a.InEast.Id, null))));
        var notAdministered = await RunAsync(s => s.SaveAsync(divisionAdmin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts,
            Tokens((a.InEast.Id, null), (a.Free.Id, null)), Tokens((a.InEast.Id, null))));
        var freeBefore = await DivisionOfAsync(a.Free);
        await fixture.WithDataAsync(async data =>
        {
            await data.GrantAsync(a.Free, divisionAdmin, AccountRole.Administrator);
            return true;
        });
        var administered = await PickerAsync(context, a.East, DivisionEditor.Accounts);
        var free = await RunAsync(s => s.SaveAsync(divisionAdmin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Accounts,
            Tokens((a.InEast.Id, null), (a.Free.Id, null)), Tokens((a.InEast.Id, null))));
        var users = await RunAsync(s => s.SaveAsync(divisionAdmin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Members, Tokens((user.Id, null)), []));
        var west = await RunAsync(s => s.SaveAsync(divisionAdmin.Id, a.Agency.Id, a.West.Id, DivisionEditor.Members, Tokens((user.Id, null)), []));
        var admins = await RunAsync(s => s.SaveAsync(divisionAdmin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Administrators, Tokens((user.Id, null)), []));
        var create = await RunAsync(s => s.CreateAsync(divisionAdmin.Id, a.Agency.Id, "Mine", null));
        var delete = await RunAsync(s => s.DeleteAsync(divisionAdmin.Id, a.Agency.Id, a.East.Id));
        var rename = await RunAsync(s => s.UpdateAsync(divisionAdmin.Id, a.Agency.Id, a.East.Id, "Renamed", null));

        Assert.Empty(picker.Eligible);
        Assert.Equal([a.InEast.Id], picker.Assigned.Select(o => o.Id));
        Assert.Equal("NotAdministered", notAdministered.Result.Errors.Single().Code);
        Assert.Null(freeBefore);
        Assert.Equal([a.Free.Id], administered.Eligible.Select(o => o.Id));
        Assert.Equal("NotManaged", fromWest.Result.Errors.Single().Code);
        Assert.Equal(a.West.Id, await DivisionOfAsync(a.InWest));
        Assert.Equal((CommandStatus.Done, 1), (free.Result.Status, free.Added));
        Assert.Equal((CommandStatus.Done, 1), (users.Result.Status, users.Added));
        Assert.Equal(
            [CommandStatus.Forbidden, CommandStatus.Forbidden, CommandStatus.Forbidden, CommandStatus.Forbidden, CommandStatus.Forbidden],
            [west.Result.Status, admins.Result.Status, create.Result.Status, delete.Status, rename.Status]);
        Assert.True(context.Has(Permission.CreateAccounts));
        Assert.False(context.Has(Permission.ManageDivisions));
    }

    [Fact]
    public async Task AssignedUsers_AreReportManagers_OnEveryAccountOfTheDivision_UntilTakenOut_WhichDeletesNothing()
    {
        var a = await AgencyAsync();
        var (user, second) = await fixture.WithDataAsync(async data =>
            (await data.MemberAsync(a.Free, AccountRole.CallAgent), await data.AccountAsync(a.Agency, a.East)));

        var added = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Members, Tokens((user.Id, null)), []));
        var inEast = await AccessAsync(user, a.InEast);
        var inSecond = await AccessAsync(user, second);
        var inWest = await AccessAsync(user, a.InWest);
        var removed = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Members, [], Tokens((user.Id, null))));

        Assert.Equal((1, 0), (added.Added, added.Removed));
        Assert.Equal(AccountRole.ReportManager, inEast.Access.EffectiveRole);
        Assert.Equal([Grant.MemberOf(a.East.Name)], inSecond.Access.Sources);
        Assert.False(inWest.Access.Any);
        Assert.Equal((0, 1), (removed.Added, removed.Removed));
        Assert.False((await AccessAsync(user, a.InEast)).Access.Any);
        Assert.True((await AccessAsync(user, a.Free)).Access.Has(Permission.MakeCalls));
        Assert.True(await QueryAsync(db => db.Users.AnyAsync(u => u.Id == user.Id && u.ArchivedAt == null)));
        Assert.Equal(
            [AuditActions.DivisionMemberAdded, AuditActions.DivisionMemberRemoved],
            await QueryAsync(db => db.AuditEvents.Where(e => e.TargetUserId == user.Id && e.Action.StartsWith("division."))
                .OrderBy(e => e.OccurredAt).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task Administrators_AreAdministrators_OnTheDivisionsAccounts()
    {
        var a = await AgencyAsync();
        var user = await fixture.WithDataAsync(data => data.MemberAsync(a.Free, AccountRole.CallAgent));

        var change = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Administrators, Tokens((user.Id, null)), []));

        Assert.Equal(CommandStatus.Done, change.Result.Status);
        Assert.Equal(AccountRole.Administrator, (await AccessAsync(user, a.InEast)).Access.EffectiveRole);
        Assert.Equal([a.East.Id], (await AgencyOfAsync(user, a.Agency)).AdministeredDivisions);
    }

    [Fact]
    public async Task UsersOutsideTheAgency_AndArchivedUsers_CannotBeAssigned()
    {
        var a = await AgencyAsync();
        var (outsider, archived) = await fixture.WithDataAsync(async data =>
        {
            var outsider = await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner);
            var archived = await data.MemberAsync(a.Free, AccountRole.CallAgent);
            await data.ArchiveAsync(archived);
            return (outsider, archived);
        });

        var foreign = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Members, Tokens((outsider.Id, null)), []));
        var gone = await RunAsync(s => s.SaveAsync(a.Admin.Id, a.Agency.Id, a.East.Id, DivisionEditor.Administrators, Tokens((archived.Id, null)), []));

        Assert.Equal([DivisionErrors.NotInAgency], foreign.Result.Errors);
        Assert.Equal([DivisionErrors.NotInAgency], gone.Result.Errors);
        Assert.False(await QueryAsync(db => db.DivisionMembers.AnyAsync(m => m.DivisionId == a.East.Id)));
    }

    [Fact]
    public async Task Delete_TakesTheAssignmentsAway_AndLeavesTheAccountsUsersAndMemberships()
    {
        var a = await AgencyAsync();
        var user = await fixture.WithDataAsync(async data =>
        {
            var user = await data.MemberAsync(a.InEast, AccountRole.CallAgent);
            await data.DivisionMemberAsync(a.East, user);
            await data.DivisionAdministratorAsync(a.East, a.Admin);
            return user;
        });

        var result = await RunAsync(s => s.DeleteAsync(a.Admin.Id, a.Agency.Id, a.East.Id));

        Assert.Equal(CommandStatus.Done, result.Status);
        Assert.False(await QueryAsync(db => db.Divisions.AnyAsync(d => d.Id == a.East.Id)));
        Assert.Null(await DivisionOfAsync(a.InEast));
        Assert.False(await QueryAsync(db => db.DivisionMembers.AnyAsync(m => m.DivisionId == a.East.Id)));
        Assert.False(await QueryAsync(db => db.DivisionAdministrators.AnyAsync(m => m.DivisionId == a.East.Id)));
        Assert.True(await QueryAsync(db => db.Memberships.AnyAsync(m => m.UserId == user.Id && m.AccountId == a.InEast.Id && m.EndedAt == null)));
        Assert.Equal(a.West.Id, await DivisionOfAsync(a.InWest));
        Assert.Contains("1 account, 1 user and 1 administrator",
            await QueryAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.DivisionDeleted && e.AgencyId == a.Agency.Id).Select(e => e.Details).SingleAsync()));
    }

    [Fact]
    public async Task EditAssignedDivisions_JoinsTheChosen_LeavesTheOtherShown_AndTouchesNoOther()
    {
        var a = await AgencyAsync();
        var (user, north, divisionAdmin) = await fixture.WithDataAsync(async data =>
        {
            var user = await data.MemberAsync(a.Free, AccountRole.CallAgent);
            var north = await data.DivisionAsync(a.Agency);
            await data.DivisionMemberAsync(a.West, user);
            await data.DivisionMemberAsync(north, user);
            var divisionAdmin = await data.UserAsync("da");
            await data.DivisionAdministratorAsync(a.East, divisionAdmin);
            return (user, north, divisionAdmin);
        });

        var change = await RunAsync(s => s.SetUserDivisionsAsync(a.Admin.Id, a.Agency.Id, user.Id, [a.East.Id, a.West.Id], [a.East.Id]));
        var foreign = await RunAsync(s => s.SetUserDivisionsAsync(divisionAdmin.Id, a.Agency.Id, user.Id, [a.East.Id, a.West.Id], []));
        var own = await RunAsync(s => s.SetUserDivisionsAsync(divisionAdmin.Id, a.Agency.Id, user.Id, [a.East.Id], []));
        var view = await RunAsync(s => s.OfUserAsync(divisionAdmin.Id, a.Agency.Id, user.Id));
        var nobody = await RunAsync(s => s.OfUserAsync(user.Id, a.Agency.Id, user.Id));

        Assert.Equal((1, 1), (change.Added, change.Removed));
        Assert.Equal("NotManaged", foreign.Result.Errors.Single().Code);
        Assert.Equal((0, 1), (own.Added, own.Removed));
        Assert.Equal([north.Id], await QueryAsync(db => db.DivisionMembers.Where(m => m.UserId == user.Id).Select(m => m.DivisionId).ToListAsync()));
        Assert.Equal([a.East.Id], view!.Where(d => d.Manageable).Select(d => d.Id));
        Assert.True(view!.Single(d => d.Id == north.Id).Member);
        Assert.Null(nobody);
    }

    [Fact]
    public async Task Saving_AThousandAccounts_TakesAsManyCommandsAsSavingTen()
    {
        var (admin, agency, target, small, large) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var admin = await data.UserAsync("aa");
            await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
            var target = await data.DivisionAsync(agency);
            var source = await data.DivisionAsync(agency);
            var accounts = Enumerable.Range(0, 1010).Select(i => new Account(agency.Id, $"Bulk {i:D4}", DateTime.UtcNow, source.Id)).ToList();
            data.Db.Accounts.AddRange(accounts);
            await data.Db.SaveChangesAsync();
            return (admin, agency, target, accounts.Take(10).Select(x => (x.Id, (Guid?)source.Id)).ToArray(), accounts.Skip(10).Select(x => (x.Id, (Guid?)source.Id)).ToArray());
        });

        var (few, fewCommands) = await CommandCounter.CountAsync(() => RunAsync(s =>
            s.SaveAsync(admin.Id, agency.Id, target.Id, DivisionEditor.Accounts, Tokens(small), [])));
        var (many, manyCommands) = await CommandCounter.CountAsync(() => RunAsync(s =>
            s.SaveAsync(admin.Id, agency.Id, target.Id, DivisionEditor.Accounts, Tokens([.. small.Select(x => (x.Id, (Guid?)null)), .. large]), Tokens(small))));

        Assert.Equal((10, 1000), (few.Added, many.Added));
        Assert.Equal(fewCommands, manyCommands);
        Assert.Equal(1010, await QueryAsync(db => db.Accounts.CountAsync(x => x.DivisionId == target.Id)));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class DivisionServiceSqliteTests(SqliteCore fixture) : DivisionServiceTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class DivisionServicePostgresTests(PostgresCore fixture) : DivisionServiceTests(fixture);
