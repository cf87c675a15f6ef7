using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Groups;
using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Groups;

public abstract class AccessGroupsTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IAccessGroups, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IAccessGroups>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private sealed record Scene(Account Account, AppUser Admin, AppUser Agent, AppUser Manager, AppUser Reporter, AppUser Owner, AppUser Plain, Account Other, AppUser OtherAgent);

    private Task<Scene> SceneAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var other = await data.AccountAsync(agency);
        return new Scene(
            account,
            await data.MemberAsync(account, AccountRole.Administrator),
            await data.MemberAsync(account, AccountRole.CallAgent, "Cara", "Agent"),
            await data.MemberAsync(account, AccountRole.CallManager, "Mo", "Manager"),
            await data.MemberAsync(account, AccountRole.ReportManager, "Rita", "Reporter"),
            await data.MemberAsync(account, AccountRole.Owner),
            await data.MemberAsync(account, AccountRole.Administrator, "Abe", "Admin"),
            other,
            await data.MemberAsync(other, AccountRole.CallAgent));
    });

    private Task<List<Guid>> MembersAsync(Guid groupId) =>
        QueryAsync(db => db.AccessControlGroupMembers.Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync());

    [Fact]
    public async Task Names_AreUniqueInTheAccountWhateverTheCase_ButAnotherAccountMayHaveTheSame()
    {
        var s = await SceneAsync();
        var sales = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "  Inbound sales "));

        var duplicate = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "INBOUND SALES"));
        var blank = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "  "));
        var tooLong = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, new string('x', 201)));
        var support = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "Support"));
        var renamedOnto = await RunAsync(g => g.RenameAsync(s.Admin.Id, s.Account.Id, support.GroupId!.Value, "inbound Sales"));
        var elsewhere = await fixture.WithDataAsync(async data =>
        {
            var owner = await data.MemberAsync(s.Other, AccountRole.Owner);
            return await fixture.RunAsync(sp => sp.GetRequiredService<IAccessGroups>().CreateAsync(owner.Id, s.Other.Id, "Inbound sales"));
        });

        Assert.Equal(CommandStatus.Done, sales.Result.Status);
        Assert.Equal([GroupErrors.DuplicateName], duplicate.Result.Errors);
        Assert.Null(duplicate.GroupId is { } id && await QueryAsync(db => db.AccessControlGroups.AnyAsync(g => g.Id == id)) ? id : null);
        Assert.Equal([GroupErrors.NameRequired], blank.Result.Errors);
        Assert.Equal([GroupErrors.NameTooLong], tooLong.Result.Errors);
        Assert.Equal([GroupErrors.DuplicateName], renamedOnto.Errors);
        Assert.Equal(CommandStatus.Done, elsewhere.Result.Status);
        var rows = await RunAsync(g => g.ListAsync(s.Account.Id));
        Assert.Equal(["Inbound sales", "Support"], rows.Select(r => r.Name));
    }

    [Fact]
    public async Task Members_AreTheAccountsAgentsManagersAndReportManagers_AndAddingIsAllOrNothing()
    {
        var s = await SceneAsync();
        var (_, groupId) = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "Team"));
        var group = groupId!.Value;

        var withOwner = await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, group, [s.Agent.Id, s.Owner.Id]));
        var withOtherAccount = await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, group, [s.Agent.Id, s.OtherAgent.Id]));
        var withStranger = await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, group, [Guid.NewGuid()]));
        var none = await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, group, []));
        var afterRefusals = await MembersAsync(group);
        var three = await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, group, [s.Agent.Id, s.Manager.Id, s.Reporter.Id, s.Agent.Id]));
        var again = await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, group, [s.Agent.Id]));

        Assert.Equal([GroupErrors.NotEligible], withOwner.Errors);
        Assert.Equal([GroupErrors.NotEligible], withOtherAccount.Errors);
        Assert.Equal([GroupErrors.NotEligible], withStranger.Errors);
        Assert.Equal([GroupErrors.NoneChosen], none.Errors);
        Assert.Empty(afterRefusals);
        Assert.True(three.Succeeded);
        Assert.True(again.Succeeded);
        Assert.Equal(
            new[] { s.Agent.Id, s.Manager.Id, s.Reporter.Id }.Order(),
            (await MembersAsync(group)).Order());
        var detail = (await RunAsync(g => g.FindAsync(s.Account.Id, group, null)))!;
        Assert.Equal(3, detail.MemberCount);
        Assert.Equal(["Cara Agent", "Mo Manager", "Rita Reporter"], detail.Members.Select(m => m.Name));
        Assert.DoesNotContain(detail.Candidates, c => c.UserId == s.Owner.Id || c.UserId == s.Admin.Id || c.UserId == s.Agent.Id);
        Assert.Equal(3, (await RunAsync(g => g.ListAsync(s.Account.Id))).Single().Members);
        var added = await QueryAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.GroupMemberAdded && e.AccountId == s.Account.Id).ToListAsync());
        Assert.Equal(3, added.Count);
        Assert.All(added, e => Assert.Equal(s.Admin.Id, e.ActorUserId));
    }

    [Fact]
    public async Task ArchivedUsersAndRemovedMembers_CannotBeAdded()
    {
        var s = await SceneAsync();
        var (_, groupId) = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "Team"));
        await fixture.WithDataAsync(async data =>
        {
            await data.ArchiveAsync(s.Manager);
            return 0;
        });

        var archived = await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, groupId!.Value, [s.Manager.Id]));

        Assert.Equal([GroupErrors.NotEligible], archived.Errors);
        Assert.Empty(await MembersAsync(groupId!.Value));
    }

    [Fact]
    public async Task Deleting_TakesEveryoneOutOfTheGroup_AndNothingElse_AndSaysHowMany()
    {
        var s = await SceneAsync();
        var (_, groupId) = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "Night shift"));
        var (_, keptId) = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "Day shift"));
        await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, groupId!.Value, [s.Agent.Id, s.Reporter.Id]));
        await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, keptId!.Value, [s.Agent.Id]));

        var deleted = await RunAsync(g => g.DeleteAsync(s.Admin.Id, s.Account.Id, groupId!.Value));
        var twice = await RunAsync(g => g.DeleteAsync(s.Admin.Id, s.Account.Id, groupId!.Value));

        Assert.True(deleted.Succeeded);
        Assert.Equal(CommandStatus.NotFound, twice.Status);
        Assert.Empty(await MembersAsync(groupId!.Value));
        Assert.Equal([s.Agent.Id], await MembersAsync(keptId!.Value));
        Assert.True(await QueryAsync(db => db.Memberships.AnyAsync(m => m.UserId == s.Agent.Id && m.AccountId == s.Account.Id && m.EndedAt == null)));
        var audit = await QueryAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.GroupDeleted && e.AccountId == s.Account.Id).SingleAsync());
        Assert.Equal("Night shift: 2 members lost it", audit.Details);
    }

    [Fact]
    public async Task EveryCommand_IsRefused_WithoutManageAccountSettings_OrForAnotherAccountsGroup_AndChangesNothing()
    {
        var s = await SceneAsync();
        var (_, groupId) = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "Team"));
        var group = groupId!.Value;
        await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, group, [s.Agent.Id]));
        var outsider = await fixture.WithDataAsync(async data => await data.MemberAsync(s.Other, AccountRole.Owner));

        foreach (var actor in new[] { s.Agent, s.Manager, s.Reporter })
        {
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(g => g.CreateAsync(actor.Id, s.Account.Id, "Mine"))).Result.Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(g => g.RenameAsync(actor.Id, s.Account.Id, group, "Mine"))).Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(g => g.DeleteAsync(actor.Id, s.Account.Id, group))).Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(g => g.AddMembersAsync(actor.Id, s.Account.Id, group, [s.Manager.Id]))).Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(g => g.RemoveMemberAsync(actor.Id, s.Account.Id, group, s.Agent.Id))).Status);
        }

        // The Owner of another account: not found in this one, and this group is not found through their own.
        Assert.Contains((await RunAsync(g => g.DeleteAsync(outsider.Id, s.Account.Id, group))).Status, new[] { CommandStatus.NotFound, CommandStatus.Forbidden });
        Assert.Equal(CommandStatus.NotFound, (await RunAsync(g => g.DeleteAsync(outsider.Id, s.Other.Id, group))).Status);
        Assert.Equal(CommandStatus.NotFound, (await RunAsync(g => g.RenameAsync(outsider.Id, s.Other.Id, group, "Taken"))).Status);
        Assert.Equal(CommandStatus.NotFound, (await RunAsync(g => g.AddMembersAsync(outsider.Id, s.Other.Id, group, [s.OtherAgent.Id]))).Status);
        Assert.Equal(CommandStatus.NotFound, (await RunAsync(g => g.RemoveMemberAsync(outsider.Id, s.Other.Id, group, s.Agent.Id))).Status);
        Assert.Null(await RunAsync(g => g.FindAsync(s.Other.Id, group, null)));

        Assert.Equal([s.Agent.Id], await MembersAsync(group));
        Assert.Equal("Team", await QueryAsync(db => db.AccessControlGroups.Where(g => g.Id == group).Select(g => g.Name).SingleAsync()));
        Assert.Equal(["Team"], (await RunAsync(g => g.ListAsync(s.Account.Id))).Select(r => r.Name));
    }

    [Fact]
    public async Task RemovingAMember_TakesOnlyThem_AndIsAudited_AndASecondTimeIsNotFound()
    {
        var s = await SceneAsync();
        var (_, groupId) = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "Team"));
        await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, groupId!.Value, [s.Agent.Id, s.Manager.Id]));

        var removed = await RunAsync(g => g.RemoveMemberAsync(s.Admin.Id, s.Account.Id, groupId!.Value, s.Agent.Id));
        var again = await RunAsync(g => g.RemoveMemberAsync(s.Admin.Id, s.Account.Id, groupId!.Value, s.Agent.Id));

        Assert.True(removed.Succeeded);
        Assert.Equal(CommandStatus.NotFound, again.Status);
        Assert.Equal([s.Manager.Id], await MembersAsync(groupId!.Value));
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(
            e => e.Action == AuditActions.GroupMemberRemoved && e.TargetUserId == s.Agent.Id && e.Details == "Team")));
    }

    [Fact]
    public async Task Candidates_AreFoundByAnyPartOfTheirName_AndRenamingKeepsTheMembers()
    {
        var s = await SceneAsync();
        var (_, groupId) = await RunAsync(g => g.CreateAsync(s.Admin.Id, s.Account.Id, "Team"));
        await RunAsync(g => g.AddMembersAsync(s.Admin.Id, s.Account.Id, groupId!.Value, [s.Manager.Id]));

        var found = (await RunAsync(g => g.FindAsync(s.Account.Id, groupId!.Value, "  REPORT ")))!;
        var renamed = await RunAsync(g => g.RenameAsync(s.Admin.Id, s.Account.Id, groupId!.Value, "Team A"));

        Assert.Equal(["Rita Reporter"], found.Candidates.Select(c => c.Name));
        Assert.True(renamed.Succeeded);
        Assert.Equal([s.Manager.Id], await MembersAsync(groupId!.Value));
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.GroupRenamed && e.Details == "Team → Team A")));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class AccessGroupsSqliteTests(SqliteCore fixture) : AccessGroupsTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class AccessGroupsPostgresTests(PostgresCore fixture) : AccessGroupsTests(fixture);
