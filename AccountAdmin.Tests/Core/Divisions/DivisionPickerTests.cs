using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Divisions;

public abstract class DivisionPickerTests(CoreFixture fixture)
{
    private sealed record World(Agency Agency, AgencyContext Admin, Division East, Division West, IReadOnlyList<Account> Accounts);

    /// <summary>
    /// An agency whose Agency Administrator sees seven accounts: Bravo and Delta in East, Echo in West, the rest in no
    /// division; names that sort the same whatever the case, each with a tag unique to the test.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (agency, admin, east, west, accounts) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var admin = await data.UserAsync("aa", "Ada", "Agency");
            await data.AgencyRoleAsync(agency, admin, AgencyRole.AgencyAdministrator);
            var east = await data.DivisionAsync(agency, TestData.Unique("East"));
            var west = await data.DivisionAsync(agency, TestData.Unique("West"));
            var accounts = new List<Account>();
            foreach (var (name, division) in new[] { ("Alpha", null), ("Bravo", east), ("Charlie", null), ("Delta", east), ("Echo", west), ("Foxtrot", null), ("Golf 100%_!", null) })
            {
                accounts.Add(await data.AccountAsync(agency, division, $"{name} {tag}"));
            }

            return (agency, admin, east, west, accounts);
        });
        var context = await fixture.RunAsync(async sp => (await sp.GetRequiredService<IAccessService>().GetAgencyAsync(admin.Id, agency.Id))!);
        return new World(agency, context, east, west, accounts);
    }

    private Task<PickerPage> PageAsync(
        AgencyContext actor, Division division, DivisionEditor editor, PickerSide side, PickerPending? pending = null, string? filter = null,
        Guid? after = null, int take = 100) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IDivisionPicker>().PageAsync(actor, division.Id, editor, side, pending ?? PickerPending.None, filter, after, take));

    private static string[] Names(PickerPage page) => page.Options.Select(o => o.Label.Split(' ')[0]).ToArray();

    [Fact]
    public async Task EachSide_IsItsOwnList_InNameOrder_WithWhereAnAccountIsNow()
    {
        var w = await WorldAsync();

        var eligible = await PageAsync(w.Admin, w.East, DivisionEditor.Accounts, PickerSide.Eligible);
        var assigned = await PageAsync(w.Admin, w.East, DivisionEditor.Accounts, PickerSide.Assigned);

        Assert.Equal(["Alpha", "Charlie", "Echo", "Foxtrot", "Golf"], Names(eligible));
        Assert.Equal(["Bravo", "Delta"], Names(assigned));
        Assert.Equal((5, 5, 2, 2), (eligible.Total, eligible.Matching, assigned.Total, assigned.Matching));
        var echo = Assert.Single(eligible.Options, o => o.Id == w.Accounts[4].Id);
        Assert.Equal((w.West.Id, w.West.Name), (echo.DivisionId, echo.DivisionName));
        Assert.All(assigned.Options, o => Assert.Null(o.DivisionName));
        Assert.Equal((null, null), (eligible.Next, eligible.Previous));
    }

    [Fact]
    public async Task PendingMoves_AreLaidOverTheDivision_OnBothSides()
    {
        var w = await WorldAsync();
        var pending = new PickerPending([new PickedItem(w.Accounts[4].Id, w.West.Id), new PickedItem(w.Accounts[0].Id, null)], [w.Accounts[1].Id]);

        var eligible = await PageAsync(w.Admin, w.East, DivisionEditor.Accounts, PickerSide.Eligible, pending);
        var assigned = await PageAsync(w.Admin, w.East, DivisionEditor.Accounts, PickerSide.Assigned, pending);

        Assert.Equal(["Bravo", "Charlie", "Foxtrot", "Golf"], Names(eligible));
        Assert.Equal(["Alpha", "Delta", "Echo"], Names(assigned));
        Assert.Equal(w.West.Name, assigned.Options.Single(o => o.Id == w.Accounts[4].Id).DivisionName);
    }

    [Fact]
    public async Task Pages_FollowEachOther_ByTheLastOneShown_AndFindTheirWayBack()
    {
        var w = await WorldAsync();

        var first = await PageAsync(w.Admin, w.East, DivisionEditor.Accounts, PickerSide.Eligible, take: 2);
        var second = await PageAsync(w.Admin, w.East, DivisionEditor.Accounts, PickerSide.Eligible, after: Guid.ParseExact(first.Next!, "N"), take: 2);
        var third = await PageAsync(w.Admin, w.East, DivisionEditor.Accounts, PickerSide.Eligible, after: Guid.ParseExact(second.Next!, "N"), take: 2);
        var back = await PageAsync(w.Admin, w.East, DivisionEditor.Accounts, PickerSide.Eligible, after: Guid.ParseExact(third.Previous!, "N"), take: 2);

        Assert.Equal(["Alpha", "Charlie"], Names(first));
        Assert.Equal(["Echo", "Foxtrot"], Names(second));
        Assert.Equal(["Golf"], Names(third));
        Assert.Null(third.Next);
        Assert.Equal("", second.Previous);
        Assert.Equal(Names(second), Names(back));
        Assert.Equal(5, third.Total);
    }

    [Theory]
    [InlineData("CHAR", new[] { "Charlie" })]
    [InlineData("o", new[] { "Echo", "Foxtrot", "Golf" })]
    [InlineData("100%_!", new[] { "Golf" })]
    [InlineData("%", new[] { "Golf" })]
    [InlineData("_", new[] { "Golf" })]
    [InlineData("\"", new string[0])]
    [InlineData("   ", new[] { "Alpha", "Charlie", "Echo", "Foxtrot", "Golf" })]
    public async Task AFilter_KeepsTheNamesHoldingIt_EveryCharacterLiterally(string filter, string[] expected)
    {
        var w = await WorldAsync();

        var page = await PageAsync(w.Admin, w.East, DivisionEditor.Accounts, PickerSide.Eligible, filter: filter);

        Assert.Equal(expected, Names(page));
        Assert.Equal((5, expected.Length), (page.Total, page.Matching));
    }

    [Fact]
    public async Task AllMatching_IsEveryItemTheFilterKeeps_WithWhereEachIsNow()
    {
        var w = await WorldAsync();

        var matching = await fixture.RunAsync(sp => sp.GetRequiredService<IDivisionPicker>()
            .MatchingAsync(w.Admin, w.East.Id, DivisionEditor.Accounts, PickerSide.Eligible, PickerPending.None, "o"));

        Assert.Equal([new PickedItem(w.Accounts[4].Id, w.West.Id), new PickedItem(w.Accounts[5].Id, null), new PickedItem(w.Accounts[6].Id, null)], matching);
    }

    [Fact]
    public async Task People_AreTheAgencysUsersNotArchived_FoundByNameOrEmail_TheDivisionsOnTheRight()
    {
        var w = await WorldAsync();
        var (member, other, archived, elsewhere) = await fixture.WithDataAsync(async data =>
        {
            var member = await data.MemberAsync(w.Accounts[0], AccountRole.CallAgent, "Mira", "Member");
            await data.DivisionMemberAsync(w.East, member);
            var other = await data.MemberAsync(w.Accounts[2], AccountRole.ReportManager, "Otto", "Other");
            var archived = await data.MemberAsync(w.Accounts[2], AccountRole.CallAgent, "Arch", "Ived");
            await data.ArchiveAsync(archived);
            var elsewhere = await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent, "Else", "Where");
            return (member, other, archived, elsewhere);
        });

        var eligible = await PageAsync(w.Admin, w.East, DivisionEditor.Members, PickerSide.Eligible);
        var assigned = await PageAsync(w.Admin, w.East, DivisionEditor.Members, PickerSide.Assigned);
        var admins = await PageAsync(w.Admin, w.East, DivisionEditor.Administrators, PickerSide.Assigned);
        var byEmail = await PageAsync(w.Admin, w.East, DivisionEditor.Members, PickerSide.Eligible, filter: other.Email![..12].ToUpperInvariant());

        Assert.Contains(other.Id, eligible.Options.Select(o => o.Id));
        Assert.DoesNotContain(archived.Id, eligible.Options.Select(o => o.Id));
        Assert.DoesNotContain(elsewhere.Id, eligible.Options.Select(o => o.Id));
        Assert.Equal([(member.Id, "Mira Member", member.Email)], assigned.Options.Select(o => (o.Id, o.Label, o.Detail)));
        Assert.Empty(admins.Options);
        Assert.Equal([other.Id], byEmail.Options.Select(o => o.Id));
    }

    [Fact]
    public async Task ADivisionAdministrator_IsOfferedOnlyTheirDivisionsAccounts_AndThoseInNoneTheyAdminister()
    {
        var w = await WorldAsync();
        var divisionAdmin = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync("da", "Dan", "Division");
            await data.DivisionAdministratorAsync(w.East, user);
            await data.GrantAsync(w.Accounts[2], user, AccountRole.Administrator);
            return user;
        });
        var context = await fixture.RunAsync(async sp => (await sp.GetRequiredService<IAccessService>().GetAgencyAsync(divisionAdmin.Id, w.Agency.Id))!);

        var eligible = await PageAsync(context, w.East, DivisionEditor.Accounts, PickerSide.Eligible);
        var forged = await PageAsync(context, w.East, DivisionEditor.Accounts, PickerSide.Assigned, new PickerPending([new PickedItem(w.Accounts[4].Id, w.West.Id)], []));

        Assert.Equal(["Charlie"], Names(eligible));
        Assert.Equal(["Bravo", "Delta"], Names(forged));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class DivisionPickerSqliteTests(SqliteCore fixture) : DivisionPickerTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class DivisionPickerPostgresTests(PostgresCore fixture) : DivisionPickerTests(fixture);
