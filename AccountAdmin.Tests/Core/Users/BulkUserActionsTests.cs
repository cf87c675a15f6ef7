using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Users;

public abstract class BulkUserActionsTests(CoreFixture fixture)
{
    private sealed record World(
        Account Account, Account Other, AppUser Admin, AppUser Agent, AppUser Manager, AppUser Owner, AppUser AgencyAdmin,
        AppUser DivisionMember, AppUser Suspended, AppUser Elsewhere, AppUser InTwo);

    private Task<World> WorldAsync() =>
        fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var division = await data.DivisionAsync(agency);
            var account = await data.AccountAsync(agency, division);
            var other = await data.AccountAsync(agency);
            var admin = await data.MemberAsync(account, AccountRole.Administrator, "Ada", "Admin");
            var agent = await data.MemberAsync(account, AccountRole.CallAgent, "Al", "Agent");
            var manager = await data.MemberAsync(account, AccountRole.CallManager, "Cal", "Manager");
            var owner = await data.MemberAsync(account, AccountRole.Owner, "Oz", "Owner");
            var agencyAdmin = await data.MemberAsync(account, AccountRole.CallAgent, "Ag", "Admin");
            await data.AgencyRoleAsync(agency, agencyAdmin, AgencyRole.AgencyAdministrator);
            var divisionMember = await data.UserAsync("div", "Di", "Member");
            await data.DivisionMemberAsync(division, divisionMember);
            var suspended = await data.MemberAsync(account, AccountRole.CallAgent, "Su", "Spended");
            await data.SuspendAsync(account, suspended);
            var elsewhere = await data.MemberAsync(other, AccountRole.CallAgent, "El", "Sewhere");
            var inTwo = await data.MemberAsync(account, AccountRole.ReportManager, "Tu", "Accounts");
            await data.GrantAsync(other, inTwo, AccountRole.CallAgent);
            return new World(account, other, admin, agent, manager, owner, agencyAdmin, divisionMember, suspended, elsewhere, inTwo);
        });

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private Task<(BulkUserPlan? Plan, CommandResult? Refusal)> PlanAsync(Guid actor, Guid account, BulkUserRequest request) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IBulkUserActions>().PlanAsync(actor, account, request));

    private Task<(BulkUserPlan? Plan, CommandResult Result)> ApplyAsync(Guid actor, Guid account, BulkUserRequest request, string confirmed) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IBulkUserActions>().ApplyAsync(actor, account, request, confirmed));

    private async Task<(BulkUserPlan? Plan, CommandResult Result)> PlanAndApplyAsync(Guid actor, Guid account, BulkUserRequest request)
    {
        var (plan, refusal) = await PlanAsync(actor, account, request);
        Assert.Null(refusal);
        return await ApplyAsync(actor, account, request, plan!.Fingerprint);
    }

    private Task<Dictionary<Guid, MembershipStatus>> StatusesAsync(Account account) =>
        QueryAsync(db => db.Memberships.Where(m => m.AccountId == account.Id && m.EndedAt == null).ToDictionaryAsync(m => m.UserId, m => m.Status));

    private static BulkUserRequest Everyone(World w, BulkUserAction action, AccountRole? role = null) => new(
        action,
        [w.Admin.Id, w.Agent.Id, w.Manager.Id, w.Owner.Id, w.AgencyAdmin.Id, w.DivisionMember.Id, w.Suspended.Id, w.Elsewhere.Id, w.InTwo.Id, Guid.NewGuid()],
        role);

    [Fact]
    public async Task Plan_JudgesEachUserByTheRulesOfTheOneUserChange_AndLeavesOutOtherAccountsUsers()
    {
        var w = await WorldAsync();

        var (plan, refusal) = await PlanAsync(w.Admin.Id, w.Account.Id, Everyone(w, BulkUserAction.Suspend));

        Assert.Null(refusal);
        Assert.Equal(["Al Agent", "Cal Manager", "Tu Accounts"], plan!.Changes.Select(c => c.Name));
        var reasons = plan.Refusals.ToDictionary(r => r.User.Name, r => r.Reason);
        Assert.Equal(BulkUserErrors.Yourself, reasons["Ada Admin"]);
        Assert.Equal(BulkUserErrors.Owner, reasons["Oz Owner"]);
        Assert.Equal(BulkUserErrors.AgencyAdministrator, reasons["Ag Admin"]);
        Assert.StartsWith("Their access here comes from the division", reasons["Di Member"]);
        Assert.Equal(BulkUserErrors.AlreadySuspended, reasons["Su Spended"]);
        Assert.Equal(5, plan.Refusals.Count);
        Assert.Equal(2, plan.Unknown);
    }

    [Fact]
    public async Task Suspend_ChangesOnlyThoseItMay_WithAnAuditEventAndAnEmailEach_AndOtherAccountsStay()
    {
        var w = await WorldAsync();

        var (done, result) = await PlanAndApplyAsync(w.Admin.Id, w.Account.Id, Everyone(w, BulkUserAction.Suspend));

        Assert.True(result.Succeeded);
        Assert.Equal(3, done!.Changes.Count);
        var statuses = await StatusesAsync(w.Account);
        Assert.Equal(MembershipStatus.Suspended, statuses[w.Agent.Id]);
        Assert.Equal(MembershipStatus.Suspended, statuses[w.InTwo.Id]);
        Assert.Equal(MembershipStatus.Active, statuses[w.Owner.Id]);
        Assert.Equal(MembershipStatus.Active, statuses[w.AgencyAdmin.Id]);
        Assert.Equal(MembershipStatus.Active, statuses[w.Admin.Id]);
        Assert.Equal(MembershipStatus.Active, (await StatusesAsync(w.Other))[w.InTwo.Id]);
        Assert.Equal(MembershipStatus.Active, (await StatusesAsync(w.Other))[w.Elsewhere.Id]);
        var audited = await QueryAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.MembershipSuspended && e.AccountId == w.Account.Id)
            .Select(e => new { e.TargetUserId, e.ActorUserId }).ToListAsync());
        Assert.Equal(new[] { w.Agent.Id, w.Manager.Id, w.InTwo.Id }.Order(), audited.Select(e => e.TargetUserId!.Value).Order());
        Assert.All(audited, e => Assert.Equal(w.Admin.Id, e.ActorUserId));
        var mailed = await QueryAsync(db => db.OutboxMessages.Where(m => m.Subject.Contains("suspended your access")).Select(m => m.To).ToListAsync());
        Assert.All(new[] { w.Agent.Email, w.Manager.Email, w.InTwo.Email }, to => Assert.Single(mailed, m => m == to));
        Assert.DoesNotContain(w.Owner.Email, mailed);
    }

    [Fact]
    public async Task Unsuspend_OnlyTheSuspended()
    {
        var w = await WorldAsync();

        var (done, result) = await PlanAndApplyAsync(w.Admin.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.Unsuspend, [w.Suspended.Id, w.Agent.Id]));

        Assert.True(result.Succeeded);
        Assert.Equal([w.Suspended.Id], done!.Changes.Select(c => c.UserId));
        Assert.Equal(BulkUserErrors.NotSuspended, Assert.Single(done.Refusals).Reason);
        Assert.Equal(MembershipStatus.Active, (await StatusesAsync(w.Account))[w.Suspended.Id]);
    }

    [Fact]
    public async Task Remove_EndsTheMemberships_ArchivesWhoeverHasNoAccessLeft_AndKeepsTheirOtherAccounts()
    {
        var w = await WorldAsync();
        await fixture.WithDataAsync(data => data.PasskeyAsync(w.Agent));

        var (done, result) = await PlanAndApplyAsync(w.Admin.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.Remove, [w.Agent.Id, w.InTwo.Id, w.Owner.Id]));

        Assert.True(result.Succeeded);
        Assert.Equal(2, done!.Changes.Count);
        var statuses = await StatusesAsync(w.Account);
        Assert.False(statuses.ContainsKey(w.Agent.Id));
        Assert.False(statuses.ContainsKey(w.InTwo.Id));
        Assert.True(statuses.ContainsKey(w.Owner.Id));
        var agent = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == w.Agent.Id));
        var inTwo = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == w.InTwo.Id));
        Assert.NotNull(agent.ArchivedAt);
        Assert.Null(agent.PasswordHash);
        Assert.NotEqual(w.Agent.SecurityStamp, agent.SecurityStamp);
        Assert.False(await QueryAsync(db => db.Set<IdentityUserPasskey<Guid>>().AnyAsync(p => p.UserId == w.Agent.Id)));
        Assert.Null(inTwo.ArchivedAt);
        Assert.NotNull(inTwo.PasswordHash);
        Assert.True((await StatusesAsync(w.Other)).ContainsKey(w.InTwo.Id));
        Assert.Equal(1, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.UserArchived && e.TargetUserId == w.Agent.Id)));
        Assert.Equal(0, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.UserArchived && e.TargetUserId == w.InTwo.Id)));
        Assert.Equal(2, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.MembershipEnded && e.AccountId == w.Account.Id)));
    }

    [Fact]
    public async Task ChangeRole_ChangesTheRoleHere_SaysFromWhatToWhat_AndRefusesRolesAboveTheActorsOrOwner()
    {
        var w = await WorldAsync();

        var (done, result) = await PlanAndApplyAsync(
            w.Admin.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.ChangeRole, [w.Agent.Id, w.Manager.Id], AccountRole.ReportManager));
        var (_, owner) = await PlanAsync(w.Admin.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.ChangeRole, [w.Agent.Id], AccountRole.Owner));
        var (_, above) = await PlanAsync(
            w.Manager.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.ChangeRole, [w.Agent.Id], AccountRole.Administrator));
        var (_, none) = await PlanAsync(w.Admin.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.ChangeRole, [w.Agent.Id]));

        Assert.True(result.Succeeded);
        Assert.Equal(2, done!.Changes.Count);
        var roles = await QueryAsync(db => db.Memberships.Where(m => m.AccountId == w.Account.Id).ToDictionaryAsync(m => m.UserId, m => m.Role));
        Assert.Equal(AccountRole.ReportManager, roles[w.Agent.Id]);
        Assert.Equal(AccountRole.ReportManager, roles[w.Manager.Id]);
        Assert.Equal(
            ["Call Agent to Report Manager (bulk change)", "Call Manager to Report Manager (bulk change)"],
            (await QueryAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.RoleChanged && e.AccountId == w.Account.Id)
                .Select(e => e.Details!).ToListAsync())).Order());
        Assert.Equal([BulkUserErrors.OwnerRole], owner!.Errors);
        Assert.Equal(CommandStatus.Forbidden, above!.Status);
        Assert.Equal([BulkUserErrors.ChooseRole], none!.Errors);
    }

    [Fact]
    public async Task ADivisionAdministrator_ChangesTheDivisionsAccount_ButNotItsOwner_AndOneWithoutManageUsersIsForbidden()
    {
        var w = await WorldAsync();
        var divisionAdmin = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync("divadmin", "Dee", "Vision");
            var division = await data.Db.Divisions.SingleAsync(d => d.Id == w.Account.DivisionId);
            await data.DivisionAdministratorAsync(division, user);
            return user;
        });

        var (plan, _) = await PlanAsync(divisionAdmin.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.Suspend, [w.Owner.Id, w.Agent.Id]));
        var (fromManager, refusal) = await PlanAsync(w.Manager.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.Suspend, [w.Agent.Id]));

        Assert.Equal(BulkUserErrors.Owner, Assert.Single(plan!.Refusals).Reason);
        Assert.Equal([w.Agent.Id], plan.Changes.Select(c => c.UserId));
        Assert.Null(fromManager);
        Assert.Equal(CommandStatus.Forbidden, refusal!.Status);
    }

    [Fact]
    public async Task AUserWithRolesInTwoAccounts_ActingWhereTheyMayNot_IsForbidden_AndChangesNothing()
    {
        var w = await WorldAsync();
        var both = await fixture.WithDataAsync(async data =>
        {
            var user = await data.MemberAsync(w.Other, AccountRole.Owner);
            await data.GrantAsync(w.Account, user, AccountRole.CallAgent);
            return user;
        });

        var (_, here) = await PlanAsync(both.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.Suspend, [w.Agent.Id]));
        var (there, _) = await PlanAsync(both.Id, w.Other.Id, new BulkUserRequest(BulkUserAction.Suspend, [w.Agent.Id, w.Manager.Id]));
        var (_, applied) = await ApplyAsync(both.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.Suspend, [w.Agent.Id]), "");

        Assert.Equal(CommandStatus.Forbidden, here!.Status);
        Assert.Equal(CommandStatus.Forbidden, applied.Status);
        Assert.Empty(there!.Changes);
        Assert.Equal(2, there.Unknown);
        Assert.Equal(MembershipStatus.Active, (await StatusesAsync(w.Account))[w.Agent.Id]);
    }

    [Fact]
    public async Task AChangeMadeMeanwhile_RefusesTheConfirmedPlan_AndChangesNothing()
    {
        var w = await WorldAsync();
        var request = new BulkUserRequest(BulkUserAction.Suspend, [w.Agent.Id, w.Manager.Id]);
        var (plan, _) = await PlanAsync(w.Admin.Id, w.Account.Id, request);
        await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().SuspendAsync(w.Admin.Id, w.Account.Id, w.Agent.Id));

        var (now, result) = await ApplyAsync(w.Admin.Id, w.Account.Id, request, plan!.Fingerprint);

        Assert.Equal([BulkUserErrors.Changed], result.Errors);
        Assert.Equal([w.Manager.Id], now!.Changes.Select(c => c.UserId));
        Assert.Equal(MembershipStatus.Active, (await StatusesAsync(w.Account))[w.Manager.Id]);
        Assert.Equal(0, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.TargetUserId == w.Manager.Id && e.Action == AuditActions.MembershipSuspended)));
    }

    [Fact]
    public async Task TwoBulkChangesAtOnce_OneWins_AndEachUserIsSuspendedOnce()
    {
        var w = await WorldAsync();
        var request = new BulkUserRequest(BulkUserAction.Suspend, [w.Agent.Id, w.Manager.Id, w.InTwo.Id]);
        var (plan, _) = await PlanAsync(w.Admin.Id, w.Account.Id, request);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => ApplyAsync(w.Admin.Id, w.Account.Id, request, plan!.Fingerprint))));

        Assert.Single(results, r => r.Result.Succeeded);
        Assert.All(results.Where(r => !r.Result.Succeeded), r => Assert.Equal([BulkUserErrors.Changed], r.Result.Errors));
        Assert.Equal(3, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.AccountId == w.Account.Id && e.Action == AuditActions.MembershipSuspended)));
        Assert.Equal(1, await QueryAsync(db => db.OutboxMessages.CountAsync(m => m.To == w.Agent.Email)));
    }

    [Fact]
    public async Task TooManyOrNoUsers_AreRefusedAsAWhole()
    {
        var w = await WorldAsync();

        var (_, many) = await PlanAsync(
            w.Admin.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.Remove, Enumerable.Range(0, BulkUserErrors.MaxUsers + 1).Select(_ => Guid.NewGuid()).ToList()));
        var (_, none) = await PlanAsync(w.Admin.Id, w.Account.Id, new BulkUserRequest(BulkUserAction.Remove, []));

        Assert.Equal([BulkUserErrors.TooMany], many!.Errors);
        Assert.Equal([BulkUserErrors.NoneChosen], none!.Errors);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class BulkUserActionsSqliteTests(SqliteCore fixture) : BulkUserActionsTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class BulkUserActionsPostgresTests(PostgresCore fixture) : BulkUserActionsTests(fixture);
