using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Placements;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Users;

public abstract class UserProfilesTests(CoreFixture fixture)
{
    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private Task<UserProfile?> GetAsync(AppUser actor, Account account, AppUser user) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().GetAsync(actor.Id, account.Id, user.Id));

    private Task<CommandResult> UpdateAsync(AppUser actor, Account account, AppUser user, ProfileUpdate update) =>
        fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().UpdateAsync(actor.Id, account.Id, user.Id, update));

    private async Task<ProfileUpdate> UnchangedAsync(AppUser actor, Account account, AppUser user)
    {
        var profile = (await GetAsync(actor, account, user))!;
        return new ProfileUpdate(profile.Nickname, profile.Settings, new AgentPlacement(profile.ScheduleId, null, profile.GroupIds), profile.ConcurrencyStamp);
    }

    private Task<AppUser> UserAsync(AppUser user) => QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));

    private async Task<(Account Account, AppUser Owner, AppUser Agent)> AccountAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.CallAgent));
        });

    [Fact]
    public async Task Saving_StoresSettings_ANewSchedule_AndGroups_AndAuditsEachPlacement()
    {
        var (account, owner, agent) = await AccountAsync();
        var group = await QueryAsync(async db =>
        {
            var g = new AccessControlGroup(account.Id, "Inbound");
            db.AccessControlGroups.Add(g);
            await db.SaveChangesAsync();
            return g;
        });
        var update = await UnchangedAsync(owner, account, agent) with
        {
            Nickname = "Aggie",
            Settings = UserSettingsValues.Defaults with { SoftphoneBitrate = 64, SipAddress = "agent@pbx.example.com", DailyEmailReminders = true },
            Placement = new AgentPlacement(null, new NewSchedule("Late shift", "Europe/Berlin"), [group.Id]),
            Picture = ProfileRulesTests.Png,
        };

        var result = await UpdateAsync(owner, account, agent, update);

        Assert.Equal(CommandStatus.Done, result.Status);
        var profile = (await GetAsync(owner, account, agent))!;
        Assert.Equal("Aggie", profile.Nickname);
        Assert.Equal(64, profile.Settings.SoftphoneBitrate);
        Assert.Equal("sip:agent@pbx.example.com", profile.Settings.SipAddress);
        Assert.True(profile.HasPicture);
        Assert.Equal([group.Id], profile.GroupIds);
        var schedule = await QueryAsync(db => db.Schedules.AsNoTracking().SingleAsync(s => s.Id == profile.ScheduleId));
        Assert.Equal(("Late shift", "Europe/Berlin", account.Id), (schedule.Name, schedule.TimeZoneId, schedule.AccountId));
        Assert.NotEqual(update.ConcurrencyStamp, profile.ConcurrencyStamp);
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.UserUpdated && e.TargetUserId == agent.Id)));
        Assert.Equal(
            [(AuditActions.GroupMemberAdded, "Inbound"), (AuditActions.ScheduleAssignmentChanged, "Late shift")],
            await PlacementEventsAsync(agent));

        // Saved again with the groups emptied and no schedule: two more events, each saying what was left.
        await UpdateAsync(owner, account, agent, await UnchangedAsync(owner, account, agent) with { Placement = AgentPlacement.None });

        Assert.Equal(
            [
                (AuditActions.GroupMemberAdded, "Inbound"), (AuditActions.GroupMemberRemoved, "Inbound"),
                (AuditActions.ScheduleAssignmentChanged, "Late shift"), (AuditActions.ScheduleAssignmentChanged, "Late shift → no schedule"),
            ],
            await PlacementEventsAsync(agent));
        Assert.Empty((await GetAsync(owner, account, agent))!.GroupIds);
    }

    private async Task<List<(string, string)>> PlacementEventsAsync(AppUser user) =>
        (await QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.TargetUserId == user.Id && (e.Action.StartsWith("group.") || e.Action.StartsWith("schedule.")))
            .Select(e => new { e.Action, e.Details }).ToListAsync()))
        .Select(e => (e.Action, e.Details ?? "")).Order().ToList();

    [Fact]
    public async Task TheSecondOfTwoConcurrentSaves_IsRefused_AndChangesNothing()
    {
        var (account, owner, agent) = await AccountAsync();
        var admin = await fixture.WithDataAsync(data => data.MemberAsync(account, AccountRole.Administrator));
        var first = await UnchangedAsync(owner, account, agent);
        var second = await UnchangedAsync(admin, account, agent);

        var saved = await UpdateAsync(owner, account, agent, first with { Nickname = "First" });
        var refused = await UpdateAsync(admin, account, agent, second with { Nickname = "Second" });

        Assert.Equal(CommandStatus.Done, saved.Status);
        Assert.Equal(UserErrors.StaleEdit, Assert.Single(refused.Errors));
        Assert.Equal("First", (await UserAsync(agent)).Nickname);
    }

    [Fact]
    public async Task ProtectedFields_ChangeOnlyFromTheHomeAccount_ButOthersMayChangeTheRest()
    {
        var (home, _, agent) = await AccountAsync();
        var (elsewhere, otherOwner) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var owner = await data.MemberAsync(account, AccountRole.Owner);
            await data.GrantAsync(account, agent, AccountRole.CallAgent);
            return (account, owner);
        });
        var unchanged = await UnchangedAsync(otherOwner, elsewhere, agent);

        var rename = await UpdateAsync(otherOwner, elsewhere, agent, unchanged with { FirstName = "Renamed", LastName = agent.LastName });
        var nickname = await UpdateAsync(otherOwner, elsewhere, agent, unchanged with { Nickname = "Nick" });

        Assert.False((await GetAsync(otherOwner, elsewhere, agent))!.CanEditProtected);
        Assert.Equal(UserErrors.ProtectedField, Assert.Single(rename.Errors));
        Assert.Equal(CommandStatus.Done, nickname.Status);
        var user = await UserAsync(agent);
        Assert.Equal((agent.FirstName, "Nick"), (user.FirstName, user.Nickname));
        Assert.Equal(home.Id, user.HomeAccountId);
    }

    [Fact]
    public async Task TheHomeAccount_ChangesTheName_AndAsksForANewEmail_WhichTheNewAddressConfirms_AndTheListKeysFollow()
    {
        var (account, owner, agent) = await AccountAsync();
        var email = $"{TestData.Unique("moved")}@test.example";
        var update = await UnchangedAsync(owner, account, agent) with { Email = email, FirstName = "Zed", LastName = "Zulu", Phone = "+14155550123" };

        var taken = await UpdateAsync(owner, account, agent, update with { Email = owner.Email });
        var saved = await UpdateAsync(owner, account, agent, update);

        Assert.Equal(IdentityErrors.DuplicateEmail, Assert.Single(taken.Errors));
        Assert.Equal(CommandStatus.Done, saved.Status);
        var asked = await UserAsync(agent);
        Assert.Equal((agent.Email, email, "Zed", "+14155550123"), (asked.Email, asked.PendingEmail, asked.FirstName, asked.PhoneNumber));
        var toOld = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == agent.Email));
        Assert.Contains($"{owner.DisplayName} asked to change the e-mail address you sign in to AccountAdmin with to {email}.", toOld.TextBody);
        var toNew = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email));
        var token = TestData.TokenIn(toNew.TextBody, "/confirm-email/");

        var confirmed = await fixture.RunAsync(sp => sp.GetRequiredService<IEmailChanges>().ConfirmAsync(token));
        var again = await fixture.RunAsync(sp => sp.GetRequiredService<IEmailChanges>().ConfirmAsync(token));

        Assert.Equal(CommandStatus.Done, confirmed.Status);
        Assert.Equal([UserErrors.EmailLinkExpired], again.Errors);
        var user = await UserAsync(agent);
        Assert.Equal((email, null, email), (user.Email, user.PendingEmail, user.UserName));
        Assert.Equal(email.ToUpperInvariant(), user.NormalizedEmail);
        var membership = await QueryAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.AccountId == account.Id && m.UserId == agent.Id));
        Assert.Equal((user.NameKey, user.EmailKey), (membership.NameKey, membership.EmailKey));
        Assert.StartsWith("zed", membership.NameKey, StringComparison.OrdinalIgnoreCase);
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AccountAdmin.Core.Audit.AuditActions.EmailChanged && e.TargetUserId == agent.Id)));

        // The search index of every user follows: found by the new name and address, not by the old address.
        Task<IEnumerable<Guid>> SupportFindsAsync(string text) =>
            fixture.RunAsync(async sp => (await sp.GetRequiredService<AccountAdmin.Core.Support.ISupportDesk>().FindUsersAsync(text, 10)).Select(u => u.Id));
        Assert.Equal([agent.Id], await SupportFindsAsync(email[..email.IndexOf('@')].ToUpperInvariant()));
        Assert.Contains(agent.Id, await SupportFindsAsync("zed zul"));
        Assert.Empty(await SupportFindsAsync(agent.Email![..agent.Email!.IndexOf('@')]));
    }

    [Fact]
    public async Task ANewerAddress_ReplacesTheOneAsked_AndAnAddressTakenMeanwhile_IsRefusedAtConfirmation()
    {
        var (account, owner, agent) = await AccountAsync();
        var (first, second) = ($"{TestData.Unique("first")}@test.example", $"{TestData.Unique("second")}@test.example");
        Task<string> TokenSentToAsync(string to) => QueryAsync(async db =>
            TestData.TokenIn((await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == to)).TextBody, "/confirm-email/"));

        await UpdateAsync(owner, account, agent, await UnchangedAsync(owner, account, agent) with { Email = first });
        await UpdateAsync(owner, account, agent, await UnchangedAsync(owner, account, agent) with { Email = second });
        var (firstToken, secondToken) = (await TokenSentToAsync(first), await TokenSentToAsync(second));
        await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdmin.Core.Bootstrap.ProvisioningService>().EnsureUserAsync(second, "Tara", "Taker", TestData.Password, null));

        var stale = await fixture.RunAsync(sp => sp.GetRequiredService<IEmailChanges>().ConfirmAsync(firstToken));
        var taken = await fixture.RunAsync(sp => sp.GetRequiredService<IEmailChanges>().ConfirmAsync(secondToken));

        Assert.Equal([UserErrors.EmailLinkExpired], stale.Errors);
        Assert.Equal([IdentityErrors.DuplicateEmail], taken.Errors);
        Assert.Equal(agent.Email, (await UserAsync(agent)).Email);
    }

    [Fact]
    public async Task AnAdministrator_CannotEditAnOwner_AndGroupsAreOnlyForAgentsManagersAndReporters()
    {
        var (account, owner, _) = await AccountAsync();
        var (admin, otherAdmin, group) = await fixture.WithDataAsync(async data =>
        {
            var g = new AccessControlGroup(account.Id, "Team");
            data.Db.AccessControlGroups.Add(g);
            await data.Db.SaveChangesAsync();
            return (await data.MemberAsync(account, AccountRole.Administrator), await data.MemberAsync(account, AccountRole.Administrator), g);
        });

        var onOwner = await UpdateAsync(admin, account, owner, await UnchangedAsync(admin, account, owner) with { Nickname = "Boss" });
        var groups = await UpdateAsync(admin, account, otherAdmin, await UnchangedAsync(admin, account, otherAdmin) with
        {
            Placement = new AgentPlacement(GroupIds: [group.Id]),
        });

        Assert.True((await GetAsync(admin, account, owner))!.OutranksViewer);
        Assert.Equal(AccessErrors.TargetOutranksActor, Assert.Single(onOwner.Errors));
        Assert.Contains(groups.Errors, e => e.Field == "GroupIds");
        Assert.Null((await UserAsync(owner)).Nickname);
    }

    [Fact]
    public async Task BadSettings_AndAFakePicture_AreRefusedAtTheirFields_AndNothingIsSaved()
    {
        var (account, owner, agent) = await AccountAsync();
        var update = await UnchangedAsync(owner, account, agent) with
        {
            Nickname = "Not saved",
            Settings = UserSettingsValues.Defaults with { SoftphoneBitrate = 33, SipAddress = "nope" },
            Picture = "<html>not a picture</html>"u8.ToArray(),
            Placement = new AgentPlacement(ScheduleId: Guid.NewGuid()),
        };

        var result = await UpdateAsync(owner, account, agent, update);

        Assert.Equal(
            ["Picture", "ScheduleId", "Settings.SipAddress", "Settings.SoftphoneBitrate"],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Null((await UserAsync(agent)).Nickname);
        Assert.False(await QueryAsync(db => db.UserSettings.AnyAsync(s => s.UserId == agent.Id)));
    }

    [Fact]
    public async Task ASchedule_OfAnotherAccount_OrADuplicateName_IsRefused()
    {
        var (account, owner, agent) = await AccountAsync();
        var (foreign, existing) = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            var f = new Schedule(other.Id, "Theirs", "UTC", "");
            var e = new Schedule(account.Id, "Day shift", "UTC", "");
            data.Db.Schedules.AddRange(f, e);
            await data.Db.SaveChangesAsync();
            return (f, e);
        });
        var unchanged = await UnchangedAsync(owner, account, agent);

        var theirs = await UpdateAsync(owner, account, agent, unchanged with { Placement = new AgentPlacement(foreign.Id) });
        var duplicate = await UpdateAsync(owner, account, agent, unchanged with { Placement = new AgentPlacement(null, new NewSchedule("DAY SHIFT", "UTC")) });
        var picked = await UpdateAsync(owner, account, agent, unchanged with { Placement = new AgentPlacement(existing.Id) });

        Assert.Contains(theirs.Errors, e => e.Field == "ScheduleId");
        Assert.Contains(duplicate.Errors, e => e.Field == "NewScheduleName");
        Assert.Equal(CommandStatus.Done, picked.Status);
        Assert.Equal(existing.Id, (await GetAsync(owner, account, agent))!.ScheduleId);
    }

    [Fact]
    public async Task SettingAPassword_EndsTheUsersSessions_AndIsForTheHomeAccount_WhenItsAdministratorManagesEveryAccountOfTheUser()
    {
        var (account, owner, agent) = await AccountAsync();
        var (elsewhere, otherOwner) = await fixture.WithDataAsync(async data =>
        {
            var other = await data.AccountAsync();
            await data.GrantAsync(other, agent, AccountRole.CallAgent);
            return (other, await data.MemberAsync(other, AccountRole.Owner));
        });
        var before = await UserAsync(agent);

        var refused = await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().SetPasswordAsync(otherOwner.Id, elsewhere.Id, agent.Id, "Another-Pass-2026!"));
        var beyond = await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().SetPasswordAsync(owner.Id, account.Id, agent.Id, "Another-Pass-2026!"));
        var unchanged = await UserAsync(agent);
        await fixture.RunAsync(sp => sp.GetRequiredService<IUserAdministration>().RemoveAsync(otherOwner.Id, elsewhere.Id, agent.Id));
        var weak = await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().SetPasswordAsync(owner.Id, account.Id, agent.Id, "short"));
        var set = await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().SetPasswordAsync(owner.Id, account.Id, agent.Id, "Another-Pass-2026!"));

        Assert.Equal(UserErrors.ProtectedField, Assert.Single(refused.Errors));
        Assert.Equal("BeyondReach", Assert.Single(beyond.Errors).Code);
        Assert.Contains(elsewhere.Name, beyond.Errors[0].Message);
        Assert.Equal(before.PasswordHash, unchanged.PasswordHash);
        Assert.All(weak.Errors, e => Assert.Equal("NewPassword", e.Field));
        Assert.Equal(CommandStatus.Done, set.Status);
        var after = await UserAsync(agent);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.True(await fixture.RunAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().CheckPasswordAsync(after, "Another-Pass-2026!")));
    }

    [Fact]
    public async Task OwnPreferences_AreSaved_ButTheAdministratorsIdsStay()
    {
        var (account, owner, agent) = await AccountAsync();
        await UpdateAsync(owner, account, agent, await UnchangedAsync(owner, account, agent) with
        {
            Settings = UserSettingsValues.Defaults with { SalesforceId = "0055e000001AbCd", DirectDialNumber = "+14155550123" },
        });

        var result = await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().UpdateOwnPreferencesAsync(
            agent.Id, UserSettingsValues.Defaults with { LandingPage = LandingPage.Profile, ShowCalendar = false, SalesforceId = "forged" }));

        Assert.Equal(CommandStatus.Done, result.Status);
        var settings = await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().SettingsOfAsync(agent.Id));
        Assert.Equal((LandingPage.Profile, false, "0055e000001AbCd", "+14155550123"),
            (settings.LandingPage, settings.ShowCalendar, settings.SalesforceId, settings.DirectDialNumber));
    }

    [Fact]
    public async Task TheLandingPage_LeadsWhereTheUserCanGo()
    {
        var (account, owner, agent) = await AccountAsync();
        foreach (var user in new[] { owner, agent })
        {
            await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().UpdateOwnPreferencesAsync(
                user.Id, UserSettingsValues.Defaults with { LandingPage = LandingPage.ManageUsers }));
        }

        Assert.Equal(new Landing(LandingPage.ManageUsers, account.Id), await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().LandingAsync(owner.Id)));
        Assert.Equal(new Landing(LandingPage.Home), await fixture.RunAsync(sp => sp.GetRequiredService<IUserProfiles>().LandingAsync(agent.Id)));
    }

    [Fact]
    public async Task Outsiders_AreNotFoundOrForbidden_AndChangeNothing()
    {
        var (account, _, agent) = await AccountAsync();
        var (otherAccount, otherOwner, _) = await AccountAsync();
        var update = new ProfileUpdate("Hacked", UserSettingsValues.Defaults, AgentPlacement.None, agent.ConcurrencyStamp!);

        Assert.Equal(CommandStatus.Forbidden, (await UpdateAsync(otherOwner, account, agent, update)).Status);
        Assert.Equal(CommandStatus.NotFound, (await UpdateAsync(otherOwner, otherAccount, agent, update)).Status);
        Assert.Null(await GetAsync(otherOwner, otherAccount, agent));
        Assert.Null((await UserAsync(agent)).Nickname);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class UserProfilesSqliteTests(SqliteCore fixture) : UserProfilesTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class UserProfilesPostgresTests(PostgresCore fixture) : UserProfilesTests(fixture);
