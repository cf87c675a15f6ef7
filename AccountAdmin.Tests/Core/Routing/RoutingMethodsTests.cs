using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Routing;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Routing;

public abstract class RoutingMethodsTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IRoutingMethods, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IRoutingMethods>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private sealed record Scene(Account Account, Account Other, AppUser Admin, AppUser Ann, AppUser Ben, AppUser Cat, AppUser Manager, AppUser OtherAgent, AppUser OtherOwner);

    private Task<Scene> SceneAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var other = await data.AccountAsync(agency);
        return new Scene(account, other,
            await data.MemberAsync(account, AccountRole.Administrator),
            await data.MemberAsync(account, AccountRole.CallAgent, "Ann", "One"),
            await data.MemberAsync(account, AccountRole.CallAgent, "Ben", "Two"),
            await data.MemberAsync(account, AccountRole.CallAgent, "Cat", "Three"),
            await data.MemberAsync(account, AccountRole.CallManager),
            await data.MemberAsync(other, AccountRole.CallAgent),
            await data.MemberAsync(other, AccountRole.Owner));
    });

    private async Task<(Guid Id, int Revision)> QueueAsync(Scene s, string name = "Sales queue")
    {
        var (_, id) = await RunAsync(r => r.CreateAsync(s.Admin.Id, s.Account.Id, name, RoutingKind.Queue));
        return (id!.Value, 0);
    }

    private async Task<string[]> OrderAsync(Scene s, Guid id) => (await RunAsync(r => r.FindAsync(s.Account.Id, id, null)))!.Agents.Select(a => a.Name).ToArray();

    [Fact]
    public async Task AQueue_HandsOutInTheOrderAgentsWereAdded_AndAgentsMoveOnePlaceAtATime()
    {
        var s = await SceneAsync();
        var (id, _) = await QueueAsync(s);

        var added = await RunAsync(r => r.AddAgentsAsync(s.Admin.Id, s.Account.Id, id, [s.Ben.Id, s.Ann.Id, s.Cat.Id], 0));
        var moved = await RunAsync(r => r.MoveAgentAsync(s.Admin.Id, s.Account.Id, id, s.Cat.Id, earlier: true, 1));
        var first = await RunAsync(r => r.MoveAgentAsync(s.Admin.Id, s.Account.Id, id, s.Ben.Id, earlier: true, 2));
        var removed = await RunAsync(r => r.RemoveAgentAsync(s.Admin.Id, s.Account.Id, id, s.Ann.Id, 2));

        Assert.True(added.Succeeded);
        Assert.True(moved.Succeeded);
        Assert.True(first.Succeeded);
        Assert.True(removed.Succeeded);
        Assert.Equal(["Ben Two", "Cat Three"], await OrderAsync(s, id));
        Assert.Equal(3, (await RunAsync(r => r.FindAsync(s.Account.Id, id, null)))!.Revision);
        // Moving the first agent earlier changes nothing, and is not recorded.
        Assert.Equal(1, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.AccountId == s.Account.Id && e.Action == AuditActions.RoutingAgentMoved)));
    }

    [Fact]
    public async Task AStaleForm_IsRefused_AndChangesNothing()
    {
        var s = await SceneAsync();
        var (id, _) = await QueueAsync(s);
        await RunAsync(r => r.AddAgentsAsync(s.Admin.Id, s.Account.Id, id, [s.Ann.Id, s.Ben.Id], 0));

        // Both shown revision 0; the first change made it 1.
        var stale = await RunAsync(r => r.MoveAgentAsync(s.Admin.Id, s.Account.Id, id, s.Ben.Id, earlier: true, 0));
        var staleAdd = await RunAsync(r => r.AddAgentsAsync(s.Admin.Id, s.Account.Id, id, [s.Cat.Id], 0));

        Assert.Equal([RoutingErrors.ChangedMeanwhile], stale.Errors);
        Assert.Equal([RoutingErrors.ChangedMeanwhile], staleAdd.Errors);
        Assert.Equal(["Ann One", "Ben Two"], await OrderAsync(s, id));
    }

    [Fact]
    public async Task OnlyTheAccountsCallAgents_CanBeAdded_AllOrNothing_AndNamesAndKindsAreChecked()
    {
        var s = await SceneAsync();
        var (id, _) = await QueueAsync(s);

        var manager = await RunAsync(r => r.AddAgentsAsync(s.Admin.Id, s.Account.Id, id, [s.Ann.Id, s.Manager.Id], 0));
        var foreign = await RunAsync(r => r.AddAgentsAsync(s.Admin.Id, s.Account.Id, id, [s.OtherAgent.Id], 0));
        var none = await RunAsync(r => r.AddAgentsAsync(s.Admin.Id, s.Account.Id, id, [], 0));
        var duplicate = await RunAsync(r => r.CreateAsync(s.Admin.Id, s.Account.Id, "SALES QUEUE", RoutingKind.SmartRouter));
        var noKind = await RunAsync(r => r.CreateAsync(s.Admin.Id, s.Account.Id, "Router", (RoutingKind)99));
        var router = await RunAsync(r => r.CreateAsync(s.Admin.Id, s.Account.Id, "Smart", RoutingKind.SmartRouter));

        Assert.Equal([RoutingErrors.NotEligible], manager.Errors);
        Assert.Equal([RoutingErrors.NotEligible], foreign.Errors);
        Assert.Equal([RoutingErrors.NoneChosen], none.Errors);
        Assert.Equal([RoutingErrors.DuplicateName], duplicate.Result.Errors);
        Assert.Equal([RoutingErrors.Kind], noKind.Result.Errors);
        Assert.True(router.Result.Succeeded);
        Assert.Empty(await OrderAsync(s, id));
        Assert.Equal([("Sales queue", RoutingKind.Queue), ("Smart", RoutingKind.SmartRouter)],
            (await RunAsync(r => r.ListAsync(s.Account.Id))).Select(r => (r.Name, r.Kind)));
    }

    [Fact]
    public async Task Deleting_TakesItsAgentsOut_AndEveryCommandIsRefusedWithoutThePermissionOrThroughAnotherAccount()
    {
        var s = await SceneAsync();
        var (id, _) = await QueueAsync(s);
        await RunAsync(r => r.AddAgentsAsync(s.Admin.Id, s.Account.Id, id, [s.Ann.Id], 0));

        foreach (var actor in new[] { s.Ann, s.Manager })
        {
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(r => r.CreateAsync(actor.Id, s.Account.Id, "Mine", RoutingKind.Queue))).Result.Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(r => r.RenameAsync(actor.Id, s.Account.Id, id, "Mine"))).Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(r => r.AddAgentsAsync(actor.Id, s.Account.Id, id, [s.Ben.Id], 1))).Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(r => r.RemoveAgentAsync(actor.Id, s.Account.Id, id, s.Ann.Id, 1))).Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(r => r.MoveAgentAsync(actor.Id, s.Account.Id, id, s.Ann.Id, true, 1))).Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(r => r.DeleteAsync(actor.Id, s.Account.Id, id))).Status);
        }

        Assert.Equal(CommandStatus.NotFound, (await RunAsync(r => r.DeleteAsync(s.OtherOwner.Id, s.Other.Id, id))).Status);
        Assert.Equal(CommandStatus.NotFound, (await RunAsync(r => r.AddAgentsAsync(s.OtherOwner.Id, s.Other.Id, id, [s.OtherAgent.Id], 1))).Status);
        Assert.Null(await RunAsync(r => r.FindAsync(s.Other.Id, id, null)));
        Assert.Equal(["Ann One"], await OrderAsync(s, id));

        var deleted = await RunAsync(r => r.DeleteAsync(s.Admin.Id, s.Account.Id, id));

        Assert.True(deleted.Succeeded);
        Assert.False(await QueryAsync(db => db.RoutingAgents.AnyAsync(a => a.RoutingMethodId == id)));
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.RoutingDeleted && e.Details == "Sales queue: 1 agent taken out")));
    }

    [Fact]
    public async Task TheUsersPage_PutsACallAgentInRouting_AtTheEnd_ButNotAManager_AndANewRoleOrRemovalTakesThemOut()
    {
        var s = await SceneAsync();
        var (queue, _) = await QueueAsync(s);
        var (_, other) = await RunAsync(r => r.CreateAsync(s.OtherOwner.Id, s.Other.Id, "Theirs", RoutingKind.Queue));
        await RunAsync(r => r.AddAgentsAsync(s.Admin.Id, s.Account.Id, queue, [s.Ann.Id], 0));

        Task<CommandResult> PlaceAsync(AppUser user, params Guid[] routing) => fixture.RunAsync(async sp =>
        {
            var profiles = sp.GetRequiredService<AccountAdmin.Core.Users.IUserProfiles>();
            var profile = (await profiles.GetAsync(s.Admin.Id, s.Account.Id, user.Id))!;
            return await profiles.UpdateAsync(s.Admin.Id, s.Account.Id, user.Id, new AccountAdmin.Core.Users.ProfileUpdate(
                profile.Nickname, profile.Settings, new AccountAdmin.Core.Placements.AgentPlacement(profile.ScheduleId, null, profile.GroupIds, routing), profile.ConcurrencyStamp));
        });

        var ben = await PlaceAsync(s.Ben, queue);
        var manager = await PlaceAsync(s.Manager, queue);
        var foreign = await PlaceAsync(s.Cat, other!.Value);
        var profileOfBen = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdmin.Core.Users.IUserProfiles>().GetAsync(s.Admin.Id, s.Account.Id, s.Ben.Id));

        Assert.True(ben.Succeeded);
        Assert.Equal([AccountAdmin.Core.Placements.PlacementErrors.RoutingNotForRole], manager.Errors);
        Assert.Equal([AccountAdmin.Core.Placements.PlacementErrors.Routing], foreign.Errors);
        Assert.Equal(["Ann One", "Ben Two"], await OrderAsync(s, queue));
        Assert.Equal([queue], profileOfBen!.RoutingIds);
        // The routing page shown before the user's page changed it refuses its next change.
        Assert.Equal([RoutingErrors.ChangedMeanwhile], (await RunAsync(r => r.MoveAgentAsync(s.Admin.Id, s.Account.Id, queue, s.Ben.Id, true, 1))).Errors);

        var promoted = await fixture.RunAsync(async sp =>
        {
            var stamp = (await sp.GetRequiredService<AccountAdmin.Core.Users.IUserProfiles>().GetAsync(s.Admin.Id, s.Account.Id, s.Ann.Id))!.ConcurrencyStamp;
            return await sp.GetRequiredService<AccountAdmin.Core.Roles.IRoleAssignments>().ApplyAsync(
                s.Admin.Id, s.Account.Id, s.Ann.Id, new AccountAdmin.Core.Roles.RoleChanges(stamp, AddRole: AccountRole.CallManager, AddAccountIds: [s.Account.Id]));
        });

        Assert.True(promoted.Succeeded);
        Assert.Equal(["Ben Two"], await OrderAsync(s, queue));
        Assert.Equal(
            [(s.Ben.Id, AuditActions.RoutingAgentAdded, "Sales queue"), (s.Ann.Id, AuditActions.RoutingAgentRemoved, "Sales queue (role now Call Manager)")],
            (await QueryAsync(db => db.AuditEvents.AsNoTracking()
                .Where(e => e.AccountId == s.Account.Id && (e.Action == AuditActions.RoutingAgentAdded || e.Action == AuditActions.RoutingAgentRemoved)
                            && (e.TargetUserId == s.Ben.Id || e.Details!.Contains("role now")))
                .Select(e => new { e.TargetUserId, e.Action, e.Details }).ToListAsync()))
            .Select(e => (e.TargetUserId!.Value, e.Action, e.Details!)).OrderBy(e => e.Item2).ToList());
    }

    [Fact]
    public async Task RemovingAnAgent_TakesThemOutOfGroupsAndRouting_AndRestoringPutsThemBackInTheirPlace_WithTheirSchedule()
    {
        var s = await SceneAsync();
        var (queue, _) = await QueueAsync(s);
        await RunAsync(r => r.AddAgentsAsync(s.Admin.Id, s.Account.Id, queue, [s.Ann.Id, s.Ben.Id, s.Cat.Id], 0));
        var (groupId, scheduleId) = await QueryAsync(async db =>
        {
            var group = new AccessControlGroup(s.Account.Id, "Team");
            var schedule = new Schedule(s.Account.Id, "Days", "UTC", "Mon 09:00-17:00");
            db.AddRange(group, schedule);
            db.AccessControlGroupMembers.Add(new AccessControlGroupMember(group.Id, s.Ben.Id));
            db.ScheduleAssignments.Add(new ScheduleAssignment(s.Account.Id, s.Ben.Id, schedule.Id));
            await db.SaveChangesAsync();
            return (group.Id, schedule.Id);
        });
        Task<AccountAdmin.Core.Groups.GroupDetail?> GroupAsync() =>
            fixture.RunAsync(sp => sp.GetRequiredService<AccountAdmin.Core.Groups.IAccessGroups>().FindAsync(s.Account.Id, groupId, null));
        Task<CommandResult> AdministerAsync(Func<AccountAdmin.Core.Users.IUserAdministration, Task<CommandResult>> call) =>
            fixture.RunAsync(sp => call(sp.GetRequiredService<AccountAdmin.Core.Users.IUserAdministration>()));

        var removed = await AdministerAsync(a => a.RemoveAsync(s.Admin.Id, s.Account.Id, s.Ben.Id));
        var orderWhileRemoved = await OrderAsync(s, queue);
        var groupWhileRemoved = (await GroupAsync())!.MemberCount;
        var countWhileRemoved = (await RunAsync(r => r.ListAsync(s.Account.Id))).Single().Agents;
        // Moving Cat up while Ben is away passes over Ben's empty place.
        await RunAsync(r => r.MoveAgentAsync(s.Admin.Id, s.Account.Id, queue, s.Cat.Id, earlier: true, 1));
        var restored = await AdministerAsync(a => a.RestoreAsync(s.Admin.Id, s.Account.Id, s.Ben.Id));

        Assert.True(removed.Succeeded);
        Assert.Equal(["Ann One", "Cat Three"], orderWhileRemoved);
        Assert.Equal((0, 2), (groupWhileRemoved, countWhileRemoved));
        Assert.True(restored.Succeeded);
        Assert.Equal(["Cat Three", "Ben Two", "Ann One"], await OrderAsync(s, queue));
        Assert.Equal(["Ben Two"], (await GroupAsync())!.Members.Select(m => m.Name));
        Assert.Equal(scheduleId, await QueryAsync(db => db.ScheduleAssignments.Where(a => a.UserId == s.Ben.Id).Select(a => a.ScheduleId).SingleAsync()));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class RoutingMethodsSqliteTests(SqliteCore fixture) : RoutingMethodsTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class RoutingMethodsPostgresTests(PostgresCore fixture) : RoutingMethodsTests(fixture);
