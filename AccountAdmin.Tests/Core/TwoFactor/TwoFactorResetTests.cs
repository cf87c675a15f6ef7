using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.TwoFactor;

/// <summary>An administrator resetting a user's second factor: from the user's home account, over every account they work in.</summary>
public abstract class TwoFactorResetTests(CoreFixture fixture)
{
    private sealed record World(Account Home, Account Other, AppUser Owner, AppUser Admin, AppUser Agent, AppUser OtherOwner, SecondFactor Factor);

    private Task<World> WorldAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var home = await data.AccountAsync(agency);
        var other = await data.AccountAsync(agency);
        var owner = await data.MemberAsync(home, AccountRole.Owner);
        await data.GrantAsync(other, owner, AccountRole.Owner);
        var admin = await data.MemberAsync(home, AccountRole.Administrator);
        var agent = await data.MemberAsync(home, AccountRole.CallAgent);
        await data.GrantAsync(other, agent, AccountRole.CallAgent);
        var otherOwner = await data.MemberAsync(other, AccountRole.Owner);
        return new World(home, other, owner, admin, agent, otherOwner, await data.TwoFactorAsync(agent));
    });

    private Task<CommandResult> ResetAsync(AppUser actor, Account account, AppUser user) =>
        fixture.RunAsync(sp => sp.GetRequiredService<ITwoFactorReset>().ResetAsync(actor.Id, account.Id, user.Id));

    private Task<(bool Enabled, int Codes, string? Key)> StoredAsync(AppUser user) => fixture.RunAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
        return (stored.TwoFactorEnabled, await users.CountRecoveryCodesAsync(stored), await users.GetAuthenticatorKeyAsync(stored));
    });

    [Fact]
    public async Task Reset_TurnsItOff_WithANewKey_NoRecoveryCodes_EveryoneSignedOut_AndAnEMail()
    {
        var w = await WorldAsync();
        var session = await fixture.WithDataAsync(data => data.SessionAsync(w.Agent));

        var result = await ResetAsync(w.Owner, w.Home, w.Agent);

        Assert.True(result.Succeeded);
        var stored = await StoredAsync(w.Agent);
        Assert.Equal((false, 0), (stored.Enabled, stored.Codes));
        Assert.NotEqual(w.Factor.Key, stored.Key);
        await fixture.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountAdminDbContext>();
            Assert.NotNull((await db.UserSessions.SingleAsync(s => s.Id == session)).EndedAt);
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.To == w.Agent.Email && m.Subject.EndsWith(" reset your two-factor sign-in")));
            return true;
        });
    }

    [Fact]
    public async Task Reset_IsRefused_ToThemselves_OutsideTheHomeAccount_BeyondReach_AndWithoutManageUsers_ChangingNothing()
    {
        var w = await WorldAsync();
        await fixture.WithDataAsync(data => data.TwoFactorAsync(w.Owner));

        var self = await ResetAsync(w.Owner, w.Home, w.Owner);
        var notHome = await ResetAsync(w.OtherOwner, w.Other, w.Agent);
        var beyond = await ResetAsync(w.Admin, w.Home, w.Agent);
        var agent = await ResetAsync(w.Agent, w.Home, w.Owner);
        var notThere = await ResetAsync(w.OtherOwner, w.Other, w.Admin);

        Assert.Equal([AccessErrors.OwnSignIn], self.Errors);
        Assert.Equal([AccessErrors.NotHomeAccount], notHome.Errors);
        Assert.Equal("SignInBeyondReach", beyond.Errors.Single().Code);
        Assert.Equal(CommandStatus.Forbidden, agent.Status);
        Assert.Equal(CommandStatus.NotFound, notThere.Status);
        Assert.Equal((true, 10, w.Factor.Key), await StoredAsync(w.Agent));
        Assert.True((await StoredAsync(w.Owner)).Enabled);
    }

    [Fact]
    public async Task Reset_OfAUserWithPasskeysOnly_RemovesThem_AndSaysHowMany()
    {
        var w = await WorldAsync();
        await fixture.WithDataAsync(data => data.PasskeyAsync(w.Admin, "Phone"));
        await fixture.WithDataAsync(data => data.PasskeyAsync(w.Admin, "Laptop"));

        var result = await ResetAsync(w.Owner, w.Home, w.Admin);

        Assert.True(result.Succeeded);
        await fixture.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountAdminDbContext>();
            Assert.Equal(0, (await db.Users.SingleAsync(u => u.Id == w.Admin.Id)).PasskeyCount);
            Assert.False(await db.Set<IdentityUserPasskey<Guid>>().AnyAsync(p => p.UserId == w.Admin.Id));
            Assert.Contains("2 passkeys removed", (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.TwoFactorReset && e.TargetUserId == w.Admin.Id)).Details);
            return true;
        });
    }

    [Fact]
    public async Task Reset_OfAUserWithoutTwoFactor_IsRefused()
    {
        var w = await WorldAsync();

        var result = await ResetAsync(w.Owner, w.Home, w.Admin);

        Assert.Equal([TwoFactorErrors.NotOn], result.Errors);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class TwoFactorResetSqliteTests(SqliteCore fixture) : TwoFactorResetTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class TwoFactorResetPostgresTests(PostgresCore fixture) : TwoFactorResetTests(fixture);
