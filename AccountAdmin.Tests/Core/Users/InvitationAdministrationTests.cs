using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Placements;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Users;

/// <summary>An invited user's invitation: sent again (only the newest link works, a few times an hour at most) or revoked.</summary>
public abstract class InvitationAdministrationTests(CoreFixture fixture)
{
    private Task<CommandResult> RunAsync(Func<IUserAdministration, Task<CommandResult>> command) =>
        fixture.RunAsync(sp => command(sp.GetRequiredService<IUserAdministration>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private async Task<(Account Account, AppUser Owner, AppUser Invited)> InvitedAsync() => await fixture.WithDataAsync(async data =>
    {
        var account = await data.AccountAsync();
        return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent, withPassword: false));
    });

    private Task<List<string>> TokensSentToAsync(AppUser user) => QueryAsync(async db => (await db.OutboxMessages.AsNoTracking()
            .Where(m => m.To == user.Email && m.Subject.Contains(" invited you to ")).OrderBy(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync())
        .Select(body => TestData.TokenIn(body, "/invitation/")).ToList());

    private Task<AppUser?> FindAsync(string token) => fixture.RunAsync(sp => sp.GetRequiredService<IInvitationService>().FindAsync(token));

    [Fact]
    public async Task SentAgain_OnlyTheNewestLinkWorks_TheSendingIsRecorded_AndAudited()
    {
        var (account, owner, invited) = await InvitedAsync();

        var first = await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, invited.Id));
        var second = await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, invited.Id));

        Assert.Equal(CommandStatus.Done, first.Status);
        Assert.Equal(CommandStatus.Done, second.Status);
        var tokens = await TokensSentToAsync(invited);
        Assert.Equal(2, tokens.Count);
        Assert.Null(await FindAsync(tokens[0]));
        Assert.Equal(invited.Id, (await FindAsync(tokens[1]))!.Id);
        Assert.NotNull(await QueryAsync(db => db.Users.Where(u => u.Id == invited.Id).Select(u => u.InvitationSentAt).SingleAsync()));
        Assert.Equal(2, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.InvitationResent && e.TargetUserId == invited.Id && e.AccountId == account.Id)));
    }

    [Fact]
    public async Task AnInvitationStillWaitingToBeSent_WhenTheUserIsRemoved_CarriesNoWorkingLink()
    {
        var (account, owner, invited) = await InvitedAsync();
        await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, invited.Id));
        var token = (await TokensSentToAsync(invited)).Single();

        var removed = await RunAsync(a => a.RemoveAsync(owner.Id, account.Id, invited.Id));

        Assert.Equal(CommandStatus.Done, removed.Status);
        Assert.NotNull(await QueryAsync(db => db.Users.Where(u => u.Id == invited.Id).Select(u => u.ArchivedAt).SingleAsync()));
        Assert.Null(await FindAsync(token));
        var removal = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == invited.Email && m.Subject.Contains(" removed you from ")));
        Assert.Equal($"{owner.DisplayName} removed you from {account.Name}", removal.Subject);
        Assert.DoesNotContain("http", removal.TextBody);
    }

    [Fact]
    public async Task AnInvitedUsersMistypedAddress_IsCorrectedAtOnce_TheOldLinkDies_AndTheNewAddressIsInvited()
    {
        var (account, owner, invited) = await InvitedAsync();
        await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, invited.Id));
        var oldToken = (await TokensSentToAsync(invited)).Single();
        var corrected = $"{TestData.Unique("fixed")}@test.example";

        var saved = await fixture.RunAsync(async sp =>
        {
            var profiles = sp.GetRequiredService<IUserProfiles>();
            var profile = (await profiles.GetAsync(owner.Id, account.Id, invited.Id))!;
            var update = new ProfileUpdate(profile.Nickname, profile.Settings, new AgentPlacement(profile.ScheduleId, null, profile.GroupIds), profile.ConcurrencyStamp)
            {
                Email = corrected,
            };
            return await profiles.UpdateAsync(owner.Id, account.Id, invited.Id, update);
        });

        Assert.Equal(CommandStatus.Done, saved.Status);
        var user = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == invited.Id));
        Assert.Equal((corrected, null), (user.Email, user.PendingEmail));
        Assert.Null(await FindAsync(oldToken));
        var newToken = (await TokensSentToAsync(user)).Single();
        Assert.Equal(invited.Id, (await FindAsync(newToken))!.Id);
    }

    [Fact]
    public async Task AtMostThreeAnHour_TheFourthIsRefused_AndSendsNothing()
    {
        var (account, owner, invited) = await InvitedAsync();
        for (var i = 0; i < InvitationRules.ResendsPerHour; i++)
        {
            Assert.Equal(CommandStatus.Done, (await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, invited.Id))).Status);
        }

        var refused = await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, invited.Id));

        Assert.Equal([InvitationErrors.TooMany], refused.Errors);
        Assert.Equal(InvitationRules.ResendsPerHour, (await TokensSentToAsync(invited)).Count);
    }

    [Fact]
    public async Task AUserWithAPassword_HasNoInvitation_ToSendOrRevoke()
    {
        var (account, owner, _) = await InvitedAsync();
        var agent = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.CallAgent));

        var resent = await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, agent.Id));
        var revoked = await RunAsync(a => a.RevokeInvitationAsync(owner.Id, account.Id, agent.Id));

        Assert.Equal([InvitationErrors.NotInvited], resent.Errors);
        Assert.Equal([InvitationErrors.NotInvited], revoked.Errors);
        Assert.Equal(0, await QueryAsync(db => db.OutboxMessages.CountAsync(m => m.To == agent.Email)));
        Assert.True(await QueryAsync(db => db.Memberships.AnyAsync(m => m.UserId == agent.Id && m.AccountId == account.Id && m.EndedAt == null)));
    }

    [Fact]
    public async Task Revoked_TheAccessGoes_TheUserWithNothingLeftIsArchived_AndTheLinkNoLongerWorks()
    {
        var (account, owner, invited) = await InvitedAsync();
        await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, invited.Id));
        var token = (await TokensSentToAsync(invited)).Single();

        var revoked = await RunAsync(a => a.RevokeInvitationAsync(owner.Id, account.Id, invited.Id));
        var again = await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, invited.Id));

        Assert.Equal(CommandStatus.Done, revoked.Status);
        Assert.False(await QueryAsync(db => db.Memberships.AnyAsync(m => m.UserId == invited.Id && m.EndedAt == null)));
        Assert.NotNull(await QueryAsync(db => db.Users.Where(u => u.Id == invited.Id).Select(u => u.ArchivedAt).SingleAsync()));
        Assert.Null(await FindAsync(token));
        Assert.Equal([UserErrors.AlreadyRemoved], again.Errors);
        Assert.Equal(1, await QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.InvitationRevoked && e.TargetUserId == invited.Id)));
    }

    [Fact]
    public async Task Revoked_InOneAccount_KeepsTheInvitationToAnother()
    {
        var (account, owner, invited) = await InvitedAsync();
        var other = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            await data.GrantAsync(other, invited, AccountRole.CallAgent);
            return other;
        });
        await RunAsync(a => a.ResendInvitationAsync(owner.Id, account.Id, invited.Id));
        var token = (await TokensSentToAsync(invited)).Single();

        Assert.Equal(CommandStatus.Done, (await RunAsync(a => a.RevokeInvitationAsync(owner.Id, account.Id, invited.Id))).Status);

        Assert.True(await QueryAsync(db => db.Memberships.AnyAsync(m => m.UserId == invited.Id && m.AccountId == other.Id && m.EndedAt == null)));
        Assert.Null(await QueryAsync(db => db.Users.Where(u => u.Id == invited.Id).Select(u => u.ArchivedAt).SingleAsync()));
        Assert.NotNull(await FindAsync(token));
    }

    [Fact]
    public async Task NeitherIsAllowed_WithoutManageUsers_InAnotherAccount_OrOnSomeoneWhoOutranksTheActor()
    {
        var (account, owner, invited) = await InvitedAsync();
        var (agent, admin, invitedOwner, stranger) = await fixture.WithDataAsync(async data =>
        {
            var elsewhere = await data.AccountAsync();
            return (await data.MemberAsync(account, AccountRole.CallAgent), await data.MemberAsync(account, AccountRole.Administrator),
                await data.MemberAsync(account, AccountRole.Owner, withPassword: false), await data.MemberAsync(elsewhere, AccountRole.Owner));
        });

        var results = new[]
        {
            await RunAsync(a => a.ResendInvitationAsync(agent.Id, account.Id, invited.Id)),
            await RunAsync(a => a.RevokeInvitationAsync(agent.Id, account.Id, invited.Id)),
            await RunAsync(a => a.ResendInvitationAsync(stranger.Id, account.Id, invited.Id)),
            await RunAsync(a => a.RevokeInvitationAsync(stranger.Id, account.Id, invited.Id)),
        };
        var outranked = await RunAsync(a => a.ResendInvitationAsync(admin.Id, account.Id, invitedOwner.Id));
        var revokeOutranked = await RunAsync(a => a.RevokeInvitationAsync(admin.Id, account.Id, invitedOwner.Id));

        Assert.All(results, r => Assert.Contains(r.Status, new[] { CommandStatus.Forbidden, CommandStatus.NotFound }));
        Assert.Equal([AccessErrors.TargetOutranksActor], outranked.Errors);
        Assert.Equal([AccessErrors.TargetOutranksActor], revokeOutranked.Errors);
        Assert.Equal(0, await QueryAsync(db => db.OutboxMessages.CountAsync(m => m.To == invited.Email || m.To == invitedOwner.Email)));
        Assert.Equal(2, await QueryAsync(db => db.Memberships.CountAsync(m => (m.UserId == invited.Id || m.UserId == invitedOwner.Id) && m.EndedAt == null)));
    }

    [Fact]
    public async Task AnInvitedOwner_NeverSignedIn_IsRevokedByAnotherOwner_ButNotByAnAgencyAdministrator()
    {
        var (account, owner, _) = await InvitedAsync();
        var (invitedOwner, secondInvitedOwner, agencyAdmin) = await fixture.WithDataAsync(async data =>
        {
            var agencyAdmin = await data.UserAsync("agencyadmin");
            await data.AgencyRoleAsync(await data.Db.Agencies.SingleAsync(a => a.Id == account.AgencyId), agencyAdmin, AgencyRole.AgencyAdministrator);
            return (await data.MemberAsync(account, AccountRole.Owner, withPassword: false), await data.MemberAsync(account, AccountRole.Owner, withPassword: false), agencyAdmin);
        });

        var byOwner = await RunAsync(a => a.RevokeInvitationAsync(owner.Id, account.Id, invitedOwner.Id));
        var byAgency = await RunAsync(a => a.RevokeInvitationAsync(agencyAdmin.Id, account.Id, secondInvitedOwner.Id));

        Assert.Equal(CommandStatus.Done, byOwner.Status);
        Assert.NotNull(await QueryAsync(db => db.Users.Where(u => u.Id == invitedOwner.Id).Select(u => u.ArchivedAt).SingleAsync()));
        Assert.Equal([UserErrors.InvitedOwnerRevoke], byAgency.Errors);
        Assert.True(await QueryAsync(db => db.Memberships.AnyAsync(m => m.UserId == secondInvitedOwner.Id && m.AccountId == account.Id && m.EndedAt == null)));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class InvitationAdministrationSqliteTests(SqliteCore fixture) : InvitationAdministrationTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class InvitationAdministrationPostgresTests(PostgresCore fixture) : InvitationAdministrationTests(fixture);
