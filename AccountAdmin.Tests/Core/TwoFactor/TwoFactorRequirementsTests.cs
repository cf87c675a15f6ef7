using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.TwoFactor;

/// <summary>Who must set up a second factor: support staff always; others as their accounts and agencies require.</summary>
public abstract class TwoFactorRequirementsTests(CoreFixture fixture)
{
    private sealed record World(Agency Agency, Account Account, AppUser Owner, AppUser Admin, AppUser Agent, AppUser AgencyAdmin, AppUser DivisionAdmin,
        AppUser DivisionMember, AppUser Elsewhere);

    private Task<World> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var division = await data.DivisionAsync(agency);
        var account = await data.AccountAsync(agency);
        var agencyAdmin = await data.UserAsync();
        await data.AgencyRoleAsync(agency, agencyAdmin, AgencyRole.AgencyAdministrator);
        var divisionAdmin = await data.UserAsync();
        await data.DivisionAdministratorAsync(division, divisionAdmin);
        var divisionMember = await data.UserAsync();
        await data.DivisionMemberAsync(division, divisionMember);
        return new World(agency, account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Administrator),
            await data.MemberAsync(account, AccountRole.CallAgent), agencyAdmin, divisionAdmin, divisionMember,
            await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner));
    });

    private Task<T> RunAsync<T>(Func<ITwoFactorRequirements, AccountAdminDbContext, Task<T>> work) =>
        fixture.RunAsync(sp => work(sp.GetRequiredService<ITwoFactorRequirements>(), sp.GetRequiredService<AccountAdminDbContext>()));

    private Task<bool[]> MustSetUpAsync(params AppUser[] users) => RunAsync(async (requirements, db) =>
    {
        var answers = new List<bool>();
        foreach (var user in users)
        {
            answers.Add(await requirements.MustSetUpAsync(await db.Users.SingleAsync(u => u.Id == user.Id)));
        }

        return answers.ToArray();
    });

    [Fact]
    public async Task NothingRequired_NobodyButSupportStaffMustSetItUp()
    {
        var w = await WorldAsync();
        var support = await fixture.WithDataAsync(async data =>
        {
            var user = await data.UserAsync();
            (await data.Db.Users.SingleAsync(u => u.Id == user.Id)).MakeSupportStaff();
            await data.Db.SaveChangesAsync();
            return user;
        });

        var answers = await MustSetUpAsync(w.Owner, w.Agent, w.AgencyAdmin, support);

        Assert.Equal([false, false, false, true], answers);
    }

    [Fact]
    public async Task AnAccountsRequirement_OfAdministrators_ReachesItsOwnersAndAdministrators_OfEveryone_ItsAgentsToo()
    {
        var w = await WorldAsync();

        var set = await RunAsync((r, _) => r.SetForAccountAsync(w.Owner.Id, w.Account.Id, TwoFactorRequirement.Administrators));
        var admins = await MustSetUpAsync(w.Owner, w.Admin, w.Agent, w.AgencyAdmin, w.Elsewhere);
        await RunAsync((r, _) => r.SetForAccountAsync(w.Admin.Id, w.Account.Id, TwoFactorRequirement.Everyone));
        var everyone = await MustSetUpAsync(w.Owner, w.Admin, w.Agent, w.AgencyAdmin, w.Elsewhere);

        Assert.True(set.Succeeded);
        Assert.Equal([true, true, false, false, false], admins);
        Assert.Equal([true, true, true, false, false], everyone);
        Assert.Equal(2, await RunAsync((_, db) => db.AuditEvents.CountAsync(e => e.Action == AuditActions.TwoFactorRequirementChanged && e.AccountId == w.Account.Id)));
    }

    [Fact]
    public async Task AnAgencysRequirement_ReachesItsAdministrators_AndWithEveryone_EveryoneInIt()
    {
        var w = await WorldAsync();

        await RunAsync((r, _) => r.SetForAgencyAsync(w.AgencyAdmin.Id, w.Agency.Id, TwoFactorRequirement.Administrators));
        var admins = await MustSetUpAsync(w.Owner, w.Agent, w.AgencyAdmin, w.DivisionAdmin, w.DivisionMember, w.Elsewhere);
        await RunAsync((r, _) => r.SetForAgencyAsync(w.AgencyAdmin.Id, w.Agency.Id, TwoFactorRequirement.Everyone));
        var everyone = await MustSetUpAsync(w.Owner, w.Agent, w.AgencyAdmin, w.DivisionAdmin, w.DivisionMember, w.Elsewhere);

        Assert.Equal([true, false, true, true, false, false], admins);
        Assert.Equal([true, true, true, true, true, false], everyone);
    }

    [Fact]
    public async Task UnderARequirement_AnAppOrAPasskey_Suffices()
    {
        var w = await WorldAsync();
        await RunAsync((r, _) => r.SetForAccountAsync(w.Owner.Id, w.Account.Id, TwoFactorRequirement.Everyone));

        await fixture.WithDataAsync(data => data.TwoFactorAsync(w.Owner));
        await fixture.WithDataAsync(data => data.PasskeyAsync(w.Agent));

        var answers = await MustSetUpAsync(w.Owner, w.Admin, w.Agent);

        Assert.Equal([false, true, false], answers);
    }

    [Fact]
    public async Task OnlyThoseWhoManageTheSettings_SetARequirement_AndARefusalChangesNothing()
    {
        var w = await WorldAsync();

        var agent = await RunAsync((r, _) => r.SetForAccountAsync(w.Agent.Id, w.Account.Id, TwoFactorRequirement.Everyone));
        var stranger = await RunAsync((r, _) => r.SetForAccountAsync(w.Elsewhere.Id, w.Account.Id, TwoFactorRequirement.Everyone));
        var owner = await RunAsync((r, _) => r.SetForAgencyAsync(w.Owner.Id, w.Agency.Id, TwoFactorRequirement.Everyone));
        var strangerAgency = await RunAsync((r, _) => r.SetForAgencyAsync(w.Elsewhere.Id, w.Agency.Id, TwoFactorRequirement.Everyone));
        var unknown = await RunAsync((r, _) => r.SetForAccountAsync(w.Owner.Id, w.Account.Id, (TwoFactorRequirement)7));

        Assert.Equal(CommandStatus.Forbidden, agent.Status);
        Assert.Equal(CommandStatus.Forbidden, stranger.Status);
        Assert.Equal(CommandStatus.Forbidden, owner.Status);
        Assert.Equal(CommandStatus.Forbidden, strangerAgency.Status);
        Assert.Equal(CommandStatus.Refused, unknown.Status);
        var answers = await MustSetUpAsync(w.Agent, w.Owner);
        Assert.Equal([false, false], answers);
        Assert.Equal((TwoFactorRequirement.None, TwoFactorRequirement.None), await RunAsync(async (_, db) =>
            ((await db.Accounts.SingleAsync(a => a.Id == w.Account.Id)).TwoFactorRequirement, (await db.Agencies.SingleAsync(a => a.Id == w.Agency.Id)).TwoFactorRequirement)));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class TwoFactorRequirementsSqliteTests(SqliteCore fixture) : TwoFactorRequirementsTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class TwoFactorRequirementsPostgresTests(PostgresCore fixture) : TwoFactorRequirementsTests(fixture);
