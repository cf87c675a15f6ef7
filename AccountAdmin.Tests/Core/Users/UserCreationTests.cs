using AccountAdmin.Core;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Users;

public abstract class UserCreationTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<IUserCreation, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<IUserCreation>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private async Task<(Account Account, AppUser Owner, AppUser Admin)> AccountAsync() =>
        await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            return (account, await data.MemberAsync(account, AccountRole.Owner), await data.MemberAsync(account, AccountRole.Administrator));
        });

    private static string NewEmail() => $"{TestData.Unique("new")}@test.example";

    [Fact]
    public async Task Create_Invites_WithoutAPassword_AndEmailsASetPasswordLink()
    {
        var (account, owner, _) = await AccountAsync();
        var email = NewEmail();

        var outcome = await RunAsync(c => c.CreateAsync(owner.Id, account.Id, new NewUser(email, "Nia", "New", AccountRole.CallAgent, Phone: "+14155550123")));

        Assert.Equal(CommandStatus.Done, outcome.Result.Status);
        var user = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Null(user.PasswordHash);
        Assert.Equal(account.Id, user.HomeAccountId);
        Assert.Equal("+14155550123", user.PhoneNumber);
        Assert.Equal(AccountRole.CallAgent, await QueryAsync(db => db.Memberships.Where(m => m.UserId == user.Id).Select(m => m.Role).SingleAsync()));
        var mail = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email));
        Assert.Contains("/invitation/", mail.TextBody);
    }

    [Fact]
    public async Task ExistingEmail_IsRefusedWithTheDocumentedMessage_AndOffersThatUser_NeverASecondIdentity()
    {
        var (account, owner, _) = await AccountAsync();
        var existing = await fixture.WithDataAsync(async data => await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner));

        var outcome = await RunAsync(c => c.CreateAsync(owner.Id, account.Id, new NewUser(existing.Email!.ToUpperInvariant(), "X", "Y", AccountRole.CallAgent)));

        Assert.Equal("A user with this email address already exists.", Assert.Single(outcome.Result.Errors).Message);
        Assert.Equal(existing.Id, outcome.ExistingUserId);
        Assert.Equal(1, await QueryAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == existing.Email!.ToUpperInvariant())));

        Assert.Equal(CommandStatus.Done, (await RunAsync(c => c.GrantExistingAsync(owner.Id, account.Id, existing.Id, AccountRole.ReportManager))).Status);
        Assert.Equal(AccountRole.ReportManager, await QueryAsync(db => db.Memberships.Where(m => m.AccountId == account.Id && m.UserId == existing.Id).Select(m => m.Role).SingleAsync()));
        Assert.True(await QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.To == existing.Email && m.Subject.Contains(" gave you access to "))));
        Assert.Equal([UserErrors.AlreadyMember], (await RunAsync(c => c.GrantExistingAsync(owner.Id, account.Id, existing.Id, AccountRole.CallAgent))).Errors);
    }

    [Fact]
    public async Task BadInput_IsRefusedAtEachField_AndChangesNothing()
    {
        var (account, owner, _) = await AccountAsync();

        var outcome = await RunAsync(c => c.CreateAsync(owner.Id, account.Id, new NewUser("not-an-email", " ", "", AccountRole.CallAgent, Phone: "555-1234")));

        Assert.Equal(["Email", "FirstName", "LastName", "Phone"], outcome.Result.Errors.Select(e => e.Field).Order());
        Assert.False(await QueryAsync(db => db.Users.AnyAsync(u => u.Email == "not-an-email")));
    }

    [Fact]
    public async Task NobodyGrantsAboveTheirOwn()
    {
        var (account, owner, admin) = await AccountAsync();

        Assert.DoesNotContain(AccountRole.Owner, await fixture.RunAsync(async sp =>
            sp.GetRequiredService<IUserCreation>().GrantableRoles((await sp.GetRequiredService<IAccessService>().GetAsync(admin.Id, account.Id))!.Access)));
        var refused = await RunAsync(c => c.CreateAsync(admin.Id, account.Id, new NewUser(NewEmail(), "A", "B", AccountRole.Owner)));
        var allowed = await RunAsync(c => c.CreateAsync(owner.Id, account.Id, new NewUser(NewEmail(), "A", "B", AccountRole.Owner)));

        Assert.Equal([UserErrors.RoleNotGrantable], refused.Result.Errors);
        Assert.Equal(CommandStatus.Done, allowed.Result.Status);
    }

    [Fact]
    public async Task ARoleWithoutManageUsers_CreatesNobody_AndAnotherAccountsOwnerIsForbidden()
    {
        var (account, _, _) = await AccountAsync();
        var (agent, stranger) = await fixture.WithDataAsync(async data =>
            (await data.MemberAsync(account, AccountRole.CallAgent), await data.MemberAsync(await data.AccountAsync(), AccountRole.Owner)));

        Assert.Equal(CommandStatus.Forbidden, (await RunAsync(c => c.CreateAsync(agent.Id, account.Id, new NewUser(NewEmail(), "A", "B", AccountRole.CallAgent)))).Result.Status);
        Assert.Equal(CommandStatus.Forbidden, (await RunAsync(c => c.CreateAsync(stranger.Id, account.Id, new NewUser(NewEmail(), "A", "B", AccountRole.CallAgent)))).Result.Status);
        Assert.Equal(CommandStatus.Forbidden, await RunAsync(async c => (await c.GrantExistingAsync(stranger.Id, account.Id, agent.Id, AccountRole.CallAgent)).Status));
    }

    [Fact]
    public async Task SamePostTwice_MakesOneUser()
    {
        var (account, owner, _) = await AccountAsync();
        var input = new NewUser(NewEmail(), "Dee", "Double", AccountRole.CallAgent);

        var results = await Task.WhenAll(
            RunAsync(c => c.CreateAsync(owner.Id, account.Id, input)),
            RunAsync(c => c.CreateAsync(owner.Id, account.Id, input)));

        Assert.Contains(results, r => r.Result.Succeeded);
        Assert.Equal(1, await QueryAsync(db => db.Users.CountAsync(u => u.Email == input.Email)));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class UserCreationSqliteTests(SqliteCore fixture) : UserCreationTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class UserCreationPostgresTests(PostgresCore fixture) : UserCreationTests(fixture);
