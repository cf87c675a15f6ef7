using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Users;

public abstract class UserDirectoryTests(CoreFixture fixture)
{
    protected Task<UserListPage> ListAsync(Account account, UserListQuery query) =>
        fixture.RunAsync(async sp =>
        {
            var context = await sp.GetRequiredService<IAccessService>().GetAsync(Guid.Empty, account.Id);
            return await sp.GetRequiredService<IUserDirectory>().ListAsync(context!.Account, query);
        });

    protected Task<int?> CountAsync(Account account, UserListQuery query) =>
        fixture.RunAsync(async sp =>
        {
            var context = await sp.GetRequiredService<IAccessService>().GetAsync(Guid.Empty, account.Id);
            return await sp.GetRequiredService<IUserDirectory>().CountAsync(context!.Account, query);
        });

    /// <summary>Every page, following the next links from the first.</summary>
    protected async Task<List<List<UserListRow>>> AllPagesAsync(Account account, UserListQuery query)
    {
        var pages = new List<List<UserListRow>>();
        var page = await ListAsync(account, query);
        pages.Add(page.Rows.ToList());
        while (page.NextAfter is { } next)
        {
            page = await ListAsync(account, query with { After = next, Before = null });
            pages.Add(page.Rows.ToList());
            Assert.True(pages.Count < 100, "paging never ends");
        }

        return pages;
    }

    private Task<(Account Account, List<AppUser> Users)> AccountWithUsersAsync(int count, Func<int, (string First, string Last)>? names = null) =>
        fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var users = new List<AppUser>();
            for (var i = 0; i < count; i++)
            {
                var (first, last) = names?.Invoke(i) ?? ($"Person{i:D2}", "Listed");
                users.Add(await data.MemberAsync(account, AccountRole.CallAgent, first, last));
            }

            return (account, users);
        });

    [Fact]
    public async Task Paging_VisitsEveryUserOnce_InNameOrder()
    {
        var (account, users) = await AccountWithUsersAsync(7, i => ($"Name{(7 - i):D2}", "Same"));

        var pages = await AllPagesAsync(account, new UserListQuery(PageSize: 3));

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        var names = pages.SelectMany(p => p).Select(r => r.FirstName).ToList();
        Assert.Equal(users.Select(u => u.FirstName).Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task Paging_Back_ReturnsThePreviousPage()
    {
        var (account, _) = await AccountWithUsersAsync(7);
        var first = await ListAsync(account, new UserListQuery(PageSize: 3));
        var second = await ListAsync(account, new UserListQuery(PageSize: 3, After: first.NextAfter));

        var back = await ListAsync(account, new UserListQuery(PageSize: 3, Before: second.PreviousBefore));

        Assert.Null(first.PreviousBefore);
        Assert.Equal(first.Rows.Select(r => r.UserId), back.Rows.Select(r => r.UserId));
        Assert.Null(back.PreviousBefore);
        Assert.NotNull(back.NextAfter);
    }

    [Fact]
    public async Task SortByEmailDescending_PagesInThatOrder()
    {
        var (account, users) = await AccountWithUsersAsync(5);

        var pages = await AllPagesAsync(account, new UserListQuery(Sort: UserSort.Email, Descending: true, PageSize: 2));

        var expected = users.Select(u => u.Email!).OrderByDescending(e => e, StringComparer.Ordinal);
        Assert.Equal(expected, pages.SelectMany(p => p).Select(r => r.Email));
    }

    [Fact]
    public async Task SortByLastSignIn_PutsTheMostRecentFirst_WhenDescending()
    {
        var (account, users) = await AccountWithUsersAsync(3);
        await fixture.WithDataAsync(async data =>
        {
            await data.SignedInAsync(users[0], new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            await data.SignedInAsync(users[2], new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc));
            return 0;
        });

        var page = await ListAsync(account, new UserListQuery(Sort: UserSort.LastSignIn, Descending: true));

        Assert.Equal([users[2].Id, users[0].Id, users[1].Id], page.Rows.Select(r => r.UserId));
        Assert.Equal(new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), page.Rows[0].LastSignInAt);
        Assert.Null(page.Rows[2].LastSignInAt);
    }

    [Fact]
    public async Task Search_MatchesNameOrEmail_IgnoringCase()
    {
        var (account, users) = await AccountWithUsersAsync(3, i => (new[] { "Zelda", "Ozzy", "Bob" }[i], "Person"));

        var byName = await ListAsync(account, new UserListQuery(Search: "ZEL"));
        var byEmail = await ListAsync(account, new UserListQuery(Search: users[2].Email!.ToUpperInvariant()));

        Assert.Equal([users[0].Id], byName.Rows.Select(r => r.UserId));
        Assert.Equal([users[2].Id], byEmail.Rows.Select(r => r.UserId));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("' OR 1=1 --")]
    [InlineData("\\")]
    [InlineData("!")]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData(" NEAR(")]
    [InlineData(" OR ")]
    [InlineData("ł")]
    public async Task Search_TakesWildcardsQuotesAndSearchSyntaxLiterally(string term)
    {
        var (account, users) = await AccountWithUsersAsync(3, i => i == 1 ? ($"Odd{term}Name", "Person") : ($"Plain{i}", "Person"));

        var page = await ListAsync(account, new UserListQuery(Search: $"d{term}n"));

        Assert.Equal([users[1].Id], page.Rows.Select(r => r.UserId));
    }

    [Fact]
    public async Task Search_FindsAFragmentAnywhere_InTheFirstOrLastNameOrEmailOrAcrossThem_AndAShortOneAtTheStart()
    {
        var (account, users) = await AccountWithUsersAsync(3, i => new[] { ("Anna", "Kowalski"), ("Joanna", "Smith"), ("Bob", "Annan") }[i]);
        async Task<IEnumerable<string>> FoundAsync(string term) =>
            (await ListAsync(account, new UserListQuery(Search: term))).Rows.Select(r => r.FirstName).Order();

        Assert.Equal(["Anna"], await FoundAsync("owals"));
        Assert.Equal(["Anna"], await FoundAsync("NA KOW"));
        Assert.Equal(["Anna", "Bob", "Joanna"], await FoundAsync("ann"));
        // The unique end of Joanna's address (its start is the same for every test user).
        var local = users[1].Email![..users[1].Email!.IndexOf('@')];
        Assert.Equal(["Joanna"], await FoundAsync(local[^10..].ToUpperInvariant()));
        // Under three characters, the start of the name or the e-mail: Anna, not Joanna or Annan.
        Assert.Equal(["Anna"], await FoundAsync("an"));
        Assert.Equal(["Bob"], await FoundAsync(" B "));
        Assert.Empty(await FoundAsync(new string('x', 5_000)));
        Assert.Equal(["Anna", "Bob", "Joanna"], await FoundAsync("   "));
    }

    [Fact]
    public async Task TheSearchIndex_FollowsARename_ABulkAdd_AndARemoval()
    {
        var (account, users) = await AccountWithUsersAsync(2, i => new[] { ("Anna", "Kowalski"), ("Bob", "Annan") }[i]);
        var owner = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Owner, "Olga", "Owner"));
        async Task<IEnumerable<string>> FoundAsync(string term) =>
            (await ListAsync(account, new UserListQuery(Search: term))).Rows.Select(r => $"{r.FirstName} {r.LastName}").Order();

        var renamed = await fixture.RunAsync(async sp =>
        {
            var profiles = sp.GetRequiredService<IUserProfiles>();
            var profile = (await profiles.GetAsync(owner.Id, account.Id, users[0].Id))!;
            return await profiles.UpdateAsync(owner.Id, account.Id, users[0].Id, new ProfileUpdate(
                profile.Nickname, profile.Settings, new AccountAdmin.Core.Placements.AgentPlacement(profile.ScheduleId, null, profile.GroupIds), profile.ConcurrencyStamp,
                FirstName: "Zofia", LastName: "Kowalska"));
        });
        var added = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdmin.Core.BulkAdd.IBulkAdd>().ApplyAsync(
            owner.Id, account.Id, new AccountAdmin.Core.BulkAdd.BulkRequest(Guid.NewGuid(), $"{TestData.Unique("quarry")}@test.example,Quentin,Quarry", AccountRole.CallAgent, false)));
        var removed = await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(owner.Id, account.Id, users[1].Id));

        Assert.True(renamed.Succeeded && added.Result.Succeeded && removed.Succeeded);
        Assert.Equal(["Zofia Kowalska"], await FoundAsync("fia kowal"));
        Assert.Empty(await FoundAsync("anna kow"));
        Assert.Equal(["Quentin Quarry"], await FoundAsync("tin qua"));
        Assert.Empty(await FoundAsync("annan"));
    }

    [Fact]
    public async Task Filters_ByRoleAndStatus()
    {
        var (account, owner, invited, suspended) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            var invited = await data.MemberAsync(account, AccountRole.CallAgent, withPassword: false);
            var suspended = await data.MemberAsync(account, AccountRole.CallAgent);
            await data.SuspendAsync(account, suspended);
            return (account, owner, invited, suspended);
        });

        Assert.Equal([owner.Id], (await ListAsync(account, new UserListQuery(Role: AccountRole.Owner))).Rows.Select(r => r.UserId));
        Assert.Equal([invited.Id], (await ListAsync(account, new UserListQuery(Status: UserStatus.Invited))).Rows.Select(r => r.UserId));
        Assert.Equal([suspended.Id], (await ListAsync(account, new UserListQuery(Status: UserStatus.Suspended))).Rows.Select(r => r.UserId));
        Assert.Equal([owner.Id], (await ListAsync(account, new UserListQuery(Status: UserStatus.Active))).Rows.Select(r => r.UserId));
    }

    [Fact]
    public async Task IndirectGrants_AreListedOnce_WithTheirSource()
    {
        var (account, agencyAdmin, memberAndAgent, divisionAdmin, division) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var account = await data.AccountAsync(agency, division);
            var agencyAdmin = await data.UserAsync("aa", "Agency", "Admin");
            await data.AgencyRoleAsync(agency, agencyAdmin, AgencyRole.AgencyAdministrator);
            var memberAndAgent = await data.MemberAsync(account, AccountRole.CallAgent, "Both", "Ways");
            await data.DivisionMemberAsync(division, memberAndAgent);
            var divisionAdmin = await data.UserAsync("da", "Division", "Admin");
            await data.DivisionAdministratorAsync(division, divisionAdmin);
            return (account, agencyAdmin, memberAndAgent, divisionAdmin, division);
        });

        var rows = (await ListAsync(account, new UserListQuery())).Rows;

        Assert.Equal(3, rows.Count);
        var aa = Assert.Single(rows, r => r.UserId == agencyAdmin.Id);
        Assert.Equal(AccountRole.Owner, aa.Role);
        Assert.Equal([Grant.Of(AgencyRole.AgencyAdministrator)], aa.Sources);
        var both = Assert.Single(rows, r => r.UserId == memberAndAgent.Id);
        Assert.Equal(AccountRole.ReportManager, both.Role);
        Assert.Equal([Grant.MemberOf(division.Name), Grant.Of(AccountRole.CallAgent)], both.Sources);
        var da = Assert.Single(rows, r => r.UserId == divisionAdmin.Id);
        Assert.Equal([Grant.AdministratorOf(division.Name)], da.Sources);
    }

    [Fact]
    public async Task IndirectGrants_AreMergedIntoThePagesInOrder()
    {
        var (account, expected) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var account = await data.AccountAsync(agency);
            var names = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var name = $"Merge{i:D2}";
                names.Add(name);
                if (i % 3 == 0)
                {
                    await data.AgencyRoleAsync(agency, await data.UserAsync("merge", name, "X"), AgencyRole.MarketingManager);
                }
                else
                {
                    await data.MemberAsync(account, AccountRole.CallAgent, name, "X");
                }
            }

            return (account, names);
        });

        var pages = await AllPagesAsync(account, new UserListQuery(PageSize: 4));

        Assert.Equal(expected, pages.SelectMany(p => p).Select(r => r.FirstName));
    }

    [Fact]
    public async Task RoleFilter_MatchesIndirectRoles()
    {
        var (account, agencyAdmin) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var account = await data.AccountAsync(agency);
            await data.MemberAsync(account, AccountRole.CallAgent);
            var agencyAdmin = await data.UserAsync("aa");
            await data.AgencyRoleAsync(agency, agencyAdmin, AgencyRole.AgencyAdministrator);
            return (account, agencyAdmin);
        });

        var owners = await ListAsync(account, new UserListQuery(Role: AccountRole.Owner));

        Assert.Equal([agencyAdmin.Id], owners.Rows.Select(r => r.UserId));
    }

    /// <summary>The list's total without a search or filter is kept on the account's row by triggers, whatever the path.</summary>
    [Fact]
    public async Task TheTotal_FollowsEveryChangeToTheAccountsMemberships()
    {
        var (account, owner, users) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            var users = new List<AppUser>();
            for (var i = 0; i < 4; i++)
            {
                users.Add(await data.MemberAsync(account, AccountRole.CallAgent));
            }

            await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent);
            return (account, owner, users);
        });
        async Task AssertTotalAsync(int expected)
        {
            var counted = await fixture.WithDataAsync(data =>
                data.Db.Memberships.CountAsync(m => m.AccountId == account.Id && m.EndedAt == null));
            Assert.Equal((expected, expected), (counted, await CountAsync(account, new UserListQuery())));
        }

        await AssertTotalAsync(5);
        var added = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdmin.Core.BulkAdd.IBulkAdd>().ApplyAsync(owner.Id, account.Id,
            new AccountAdmin.Core.BulkAdd.BulkRequest(Guid.NewGuid(), string.Join("\n", Enumerable.Range(0, 3).Select(i => $"{TestData.Unique("total")}@test.example,T{i},Total")), AccountRole.CallAgent, false)));
        Assert.True(added.Result.Succeeded);
        await AssertTotalAsync(8);

        Assert.True((await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(owner.Id, account.Id, users[0].Id))).Succeeded);
        await AssertTotalAsync(7);
        Assert.True((await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().RestoreAsync(owner.Id, account.Id, users[0].Id))).Succeeded);
        await AssertTotalAsync(8);
        // A suspension keeps the membership: still counted.
        Assert.True((await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().SuspendAsync(owner.Id, account.Id, users[1].Id))).Succeeded);
        await AssertTotalAsync(8);

        var bulk = new BulkUserRequest(BulkUserAction.Remove, [users[2].Id, users[3].Id]);
        var (plan, _) = await fixture.RunAsync(sp => sp.GetRequiredService<IBulkUserActions>().PlanAsync(owner.Id, account.Id, bulk));
        var (_, removed) = await fixture.RunAsync(sp => sp.GetRequiredService<IBulkUserActions>().ApplyAsync(owner.Id, account.Id, bulk, plan!.Fingerprint));
        Assert.True(removed.Succeeded);
        await AssertTotalAsync(6);

        await fixture.WithDataAsync(async data =>
        {
            data.Db.Memberships.Remove(await data.Db.Memberships.SingleAsync(m => m.AccountId == account.Id && m.UserId == users[1].Id));
            return await data.Db.SaveChangesAsync();
        });
        await AssertTotalAsync(5);
    }

    [Fact]
    public async Task ArchivedAndOtherAccountsUsers_AreNotListed()
    {
        var (account, kept) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var kept = await data.MemberAsync(account, AccountRole.CallAgent);
            var archived = await data.MemberAsync(account, AccountRole.CallAgent);
            await data.ArchiveAsync(archived);
            var membership = data.Db.Memberships.Single(m => m.UserId == archived.Id);
            membership.End(kept.Id, DateTime.UtcNow);
            await data.Db.SaveChangesAsync();
            await data.MemberAsync(await data.AccountAsync(), AccountRole.CallAgent);
            return (account, kept);
        });

        var page = await ListAsync(account, new UserListQuery());

        Assert.Equal([kept.Id], page.Rows.Select(r => r.UserId));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class UserDirectorySqliteTests(SqliteCore fixture) : UserDirectoryTests(fixture)
{
    /// <summary>
    /// On SQLite a fragment found more often than the limits across every account is not read from the trigram index
    /// but by walking the account's own index: the list and its count are the same either way.
    /// </summary>
    [Fact]
    public async Task AFragmentCommonInOtherAccounts_ListsAndCountsAsARareOneDoes()
    {
        var common = $"qz{Guid.NewGuid():N}"[..10];
        var listCommon = $"jx{Guid.NewGuid():N}"[..10];
        Assert.True(UserDirectory.ListHitLimit < 3_000 && UserDirectory.CountHitLimit <= 10_002);
        var (account, elsewhere, owner) = await fixture.WithDataAsync(async data =>
        {
            var elsewhere = await data.AccountAsync();
            var owner = await data.MemberAsync(elsewhere, AccountRole.Owner);
            var account = await data.AccountAsync();
            // 55 users of the account hold both fragments, a few others neither.
            for (var i = 0; i < 55; i++)
            {
                await data.MemberAsync(account, AccountRole.CallAgent, $"Mine{i:D2}", $"{common} {listCommon}");
            }

            await data.MemberAsync(account, AccountRole.CallAgent, "Aaron", "Other");
            await data.MemberAsync(account, AccountRole.CallAgent, "Zed", "Other");
            return (account, elsewhere, owner);
        });
        // 10,002 users of another account hold the first fragment, 3,000 of them the second too.
        for (var batch = 0; batch < 2; batch++)
        {
            var lines = Enumerable.Range(batch * 5_001, 5_001).Select(i =>
                $"{common}.{i}@test.example,Far{i},{common}{(i < 3_000 ? " " + listCommon : "")}");
            var applied = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdmin.Core.BulkAdd.IBulkAdd>().ApplyAsync(
                owner.Id, elsewhere.Id,
                new AccountAdmin.Core.BulkAdd.BulkRequest(Guid.NewGuid(), string.Join("\n", lines), AccountRole.CallAgent, false)));
            Assert.True(applied.Result.Succeeded, string.Join("; ", applied.Result.Errors.Select(e => e.Message)));
        }

        var expected = Enumerable.Range(0, 55).Select(i => $"Mine{i:D2}").ToList();
        foreach (var fragment in new[] { common, listCommon, $"{common[3..]} {listCommon[..4]}" })
        {
            var query = new UserListQuery(Search: fragment.ToUpperInvariant());
            var pages = await AllPagesAsync(account, query);
            Assert.Equal(expected, pages.SelectMany(p => p).Select(r => r.FirstName));
            Assert.Equal([50, 5], pages.Select(p => p.Count));
            var backwards = await ListAsync(account, query with { Before = pages[1][0].Key });
            Assert.Equal(expected[..50], backwards.Rows.Select(r => r.FirstName));
            Assert.Equal(55, await CountAsync(account, query));
            Assert.Equal(55, await CountAsync(account, query with { Role = AccountRole.CallAgent }));
            Assert.Equal(0, await CountAsync(account, query with { Role = AccountRole.Owner }));
        }

        // Filtered by a role and sorted by e-mail: the one Owner read from the role's index, the 10,002 Call Agents by
        // walking the e-mail index; each page as the memberships' own order has it.
        foreach (var (role, descending) in new[] { (AccountRole.Owner, false), (AccountRole.CallAgent, false), (AccountRole.CallAgent, true) })
        {
            var expectedIds = await fixture.WithDataAsync(data =>
            {
                var members = data.Db.Memberships.Where(m => m.AccountId == elsewhere.Id && m.EndedAt == null && m.Role == role);
                return (descending ? members.OrderByDescending(m => m.EmailKey) : members.OrderBy(m => m.EmailKey))
                    .Take(50).Select(m => m.UserId).ToListAsync();
            });
            var byEmail = await ListAsync(elsewhere, new UserListQuery(Role: role, Sort: UserSort.Email, Descending: descending));
            Assert.Equal(expectedIds, byEmail.Rows.Select(r => r.UserId));
        }

        // An account bigger than a count walks through (its kept total raised, where 50,000 users would take minutes to
        // make): a fragment common everywhere is not counted there, a rarer one (Far7, Far70…, Far7000…) still is, and
        // the account's own total is exact, however big.
        await fixture.WithDataAsync(data => data.Db.Database.ExecuteSqlAsync(
            $"""UPDATE "Accounts" SET "MemberCount" = {UserDirectory.CountWalkLimit + 1} WHERE "Id" = {elsewhere.Id}"""));
        Assert.Null(await CountAsync(elsewhere, new UserListQuery(Search: common)));
        Assert.Null(await CountAsync(elsewhere, new UserListQuery(Search: common, Role: AccountRole.CallAgent)));
        Assert.Equal(1_111, await CountAsync(elsewhere, new UserListQuery(Search: "far7")));
        Assert.Equal(UserDirectory.CountWalkLimit + 1, await CountAsync(elsewhere, new UserListQuery()));
        Assert.Equal(55, await CountAsync(account, new UserListQuery(Search: common)));

        // The audit log's user filter and the support console find them through the same two ways.
        var audit = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdmin.Core.Audit.IAuditLog>()
            .FindUsersAsync(AccountAdmin.Core.Audit.AuditScope.OfAccount(account.Id), common, 100));
        Assert.Equal(expected, audit.Select(u => u.Name.Split(' ')[0]));
        var support = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdmin.Core.Support.ISupportDesk>().FindUsersAsync(listCommon, 5_000));
        Assert.Equal(3_055, support.Count);
    }
}

[Collection(PostgresCoreCollection.Name)]
public sealed class UserDirectoryPostgresTests(PostgresCore fixture) : UserDirectoryTests(fixture);
