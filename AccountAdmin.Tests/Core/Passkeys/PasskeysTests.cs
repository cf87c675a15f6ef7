using System.Buffers.Text;
using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Passkeys;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Passkeys;

/// <summary>A user's own passkeys: kept under a name, renamed, removed; never another user's; counted as a second factor.</summary>
public abstract class PasskeysTests(CoreFixture fixture)
{
    private Task<AppUser> UserAsync(AccountRole role = AccountRole.CallAgent) =>
        fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), role));

    private static UserPasskeyInfo NewPasskey(byte[]? id = null) =>
        new(id ?? Guid.NewGuid().ToByteArray(), [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [4], [5]);

    private Task<T> PasskeysAsync<T>(Func<IPasskeys, Task<T>> work) => fixture.RunAsync(sp => work(sp.GetRequiredService<IPasskeys>()));

    private Task<AppUser> StoredAsync(AppUser user) =>
        fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));

    private Task<List<string>> AuditedAsync(AppUser user) => fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().AuditEvents
        .Where(e => e.TargetUserId == user.Id && e.Action.StartsWith("passkey.")).Select(e => e.Action + " " + e.Details).OrderBy(e => e).ToListAsync());

    private Task<List<string>> NoticesAsync(AppUser user) => fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().OutboxMessages
        .Where(m => m.To == user.Email && m.Subject == "How you sign in to AccountAdmin changed").OrderBy(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync());

    private Task<bool> MustSetUpAsync(AppUser user) => fixture.RunAsync(async sp =>
        await sp.GetRequiredService<ITwoFactorRequirements>().MustSetUpAsync(await sp.GetRequiredService<AccountAdminDbContext>().Users.SingleAsync(u => u.Id == user.Id)));

    [Fact]
    public async Task Added_IsListedUnderItsName_CountsAsASecondFactor_AndIsAudited()
    {
        var user = await UserAsync();

        var added = await PasskeysAsync(p => p.AddAsync(user.Id, NewPasskey(), "  Work laptop  "));

        Assert.True(added.Succeeded);
        var listed = Assert.Single(await PasskeysAsync(p => p.ListAsync(user.Id)));
        Assert.Equal("Work laptop", listed.Name);
        var stored = await StoredAsync(user);
        Assert.Equal(1, stored.PasskeyCount);
        Assert.True(stored.HasSecondFactor);
        Assert.False(stored.TwoFactorEnabled);
        Assert.Equal(["passkey.added \"Work laptop\""], await AuditedAsync(user));
        Assert.Contains("A passkey named \"Work laptop\" was added", Assert.Single(await NoticesAsync(user)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task ANameThatIsEmpty_OrTooLong_IsRefusedAtTheField_AndNothingIsKept(string? name)
    {
        var user = await UserAsync();

        var empty = await PasskeysAsync(p => p.AddAsync(user.Id, NewPasskey(), name!));
        var tooLong = await PasskeysAsync(p => p.AddAsync(user.Id, NewPasskey(), new string('n', PasskeyRules.MaxNameLength + 1)));

        Assert.Equal([PasskeyErrors.NameShape], empty.Errors);
        Assert.Equal([PasskeyErrors.NameShape], tooLong.Errors);
        Assert.Equal("Name", PasskeyErrors.NameShape.Field);
        Assert.Empty(await PasskeysAsync(p => p.ListAsync(user.Id)));
        Assert.Equal(0, (await StoredAsync(user)).PasskeyCount);
        Assert.Empty(await NoticesAsync(user));
    }

    [Fact]
    public async Task APasskeyAnotherUserHas_IsRefused_AndStaysTheirs()
    {
        var first = await UserAsync();
        var second = await UserAsync();
        var id = Guid.NewGuid().ToByteArray();
        await PasskeysAsync(p => p.AddAsync(first.Id, NewPasskey(id), "Mine"));

        var refused = await PasskeysAsync(p => p.AddAsync(second.Id, NewPasskey(id), "Theirs"));

        Assert.Equal([PasskeyErrors.AlreadyRegistered], refused.Errors);
        Assert.Equal("Mine", Assert.Single(await PasskeysAsync(p => p.ListAsync(first.Id))).Name);
        Assert.Empty(await PasskeysAsync(p => p.ListAsync(second.Id)));
    }

    [Fact]
    public async Task BeyondTheMost_AnotherIsRefused()
    {
        var user = await UserAsync();
        for (var i = 0; i < PasskeyRules.MaxPerUser; i++)
        {
            Assert.True((await PasskeysAsync(p => p.AddAsync(user.Id, NewPasskey(), $"Key {i}"))).Succeeded);
        }

        var refused = await PasskeysAsync(p => p.AddAsync(user.Id, NewPasskey(), "One too many"));

        Assert.Equal([PasskeyErrors.TooMany], refused.Errors);
        Assert.Equal(PasskeyRules.MaxPerUser, (await StoredAsync(user)).PasskeyCount);
    }

    [Fact]
    public async Task Renamed_AndRemoved_ByItsOwner_IsAudited_AndTheCountFollows()
    {
        var user = await UserAsync();
        var id = await fixture.WithDataAsync(data => data.PasskeyAsync(user, "Phone"));
        await fixture.WithDataAsync(data => data.PasskeyAsync(user, "Laptop"));

        var renamed = await PasskeysAsync(p => p.RenameAsync(user.Id, id, "Old phone"));
        var removed = await PasskeysAsync(p => p.RemoveAsync(user.Id, id));

        Assert.True(renamed.Succeeded);
        Assert.True(removed.Succeeded);
        Assert.Equal(["Laptop"], (await PasskeysAsync(p => p.ListAsync(user.Id))).Select(p => p.Name));
        Assert.Equal(1, (await StoredAsync(user)).PasskeyCount);
        Assert.Equal(
            ["passkey.added \"Laptop\"", "passkey.added \"Phone\"", "passkey.removed \"Old phone\"; other browsers signed out (0 sessions)", "passkey.renamed \"Phone\" is now \"Old phone\""],
            await AuditedAsync(user));
        var notices = await NoticesAsync(user);
        Assert.Equal(3, notices.Count);
        Assert.Contains("The passkey \"Old phone\" was removed", notices[^1]);
    }

    [Fact]
    public async Task AnotherUsersPasskey_OrAnIdThatIsNone_IsNotFound_AndChangesNothing()
    {
        var owner = await UserAsync();
        var stranger = await UserAsync();
        var id = await fixture.WithDataAsync(data => data.PasskeyAsync(owner, "Phone"));

        var results = new[]
        {
            await PasskeysAsync(p => p.RenameAsync(stranger.Id, id, "Stolen")),
            await PasskeysAsync(p => p.RemoveAsync(stranger.Id, id)),
            await PasskeysAsync(p => p.RemoveAsync(owner.Id, "not base64url!")),
            await PasskeysAsync(p => p.RemoveAsync(owner.Id, Base64Url.EncodeToString(Guid.NewGuid().ToByteArray()))),
            await PasskeysAsync(p => p.RenameAsync(owner.Id, new string('A', 5000), "Long")),
        };

        Assert.All(results, r => Assert.Equal(CommandStatus.NotFound, r.Status));
        Assert.Equal("Phone", Assert.Single(await PasskeysAsync(p => p.ListAsync(owner.Id))).Name);
        Assert.Equal(1, (await StoredAsync(owner)).PasskeyCount);
    }

    [Fact]
    public async Task ASignInWithAPasskey_KeepsItsNewCounter_ButNotOnceItIsRemoved_NorForAnArchivedUser()
    {
        var user = await UserAsync();
        var id = Guid.NewGuid().ToByteArray();
        await PasskeysAsync(p => p.AddAsync(user.Id, NewPasskey(id), "Phone"));
        var other = await UserAsync();
        var otherId = Guid.NewGuid().ToByteArray();
        await PasskeysAsync(p => p.AddAsync(other.Id, NewPasskey(otherId), "Laptop"));

        Task<bool> UseAsync(AppUser whose, byte[] credential, Func<IServiceProvider, AppUser, Task>? meanwhile = null) => fixture.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var stored = (await users.FindByIdAsync(whose.Id.ToString()))!;
            var passkey = (await users.GetPasskeyAsync(stored, credential))!;
            passkey.SignCount = 7;
            if (meanwhile is not null)
            {
                await meanwhile(sp, stored);
            }

            return await sp.GetRequiredService<IPasskeys>().UsedAsync(stored, passkey);
        });
        Task<uint?> CounterAsync(AppUser whose, byte[] credential) => fixture.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return (await users.GetPasskeyAsync((await users.FindByIdAsync(whose.Id.ToString()))!, credential))?.SignCount;
        });

        var used = await UseAsync(user, id);
        var counter = await CounterAsync(user, id);
        var usedAfterRemoval = await UseAsync(user, id, (sp, _) =>
            sp.GetRequiredService<AccountAdminDbContext>().Set<IdentityUserPasskey<Guid>>().Where(p => p.UserId == user.Id).ExecuteDeleteAsync());
        var usedWhenArchived = await UseAsync(other, otherId, (sp, stored) =>
        {
            typeof(AppUser).GetProperty(nameof(AppUser.ArchivedAt))!.SetValue(stored, DateTime.UtcNow);
            return Task.CompletedTask;
        });

        Assert.True(used);
        Assert.Equal(7u, counter);
        Assert.False(usedAfterRemoval);
        Assert.Null(await CounterAsync(user, id));
        Assert.False(usedWhenArchived);
        Assert.Equal(0u, await CounterAsync(other, otherId));
    }

    [Fact]
    public async Task SupportStaffWithAPasskey_NeedNotSetUpAnAuthenticatorApp()
    {
        var user = await UserAsync();
        await fixture.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<AccountAdminDbContext>();
            (await db.Users.SingleAsync(u => u.Id == user.Id)).MakeSupportStaff();
            return await db.SaveChangesAsync();
        });
        var before = await MustSetUpAsync(user);

        await fixture.WithDataAsync(data => data.PasskeyAsync(user));

        Assert.True(before);
        Assert.False(await MustSetUpAsync(user));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class PasskeysSqliteTests(SqliteCore fixture) : PasskeysTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class PasskeysPostgresTests(PostgresCore fixture) : PasskeysTests(fixture);
