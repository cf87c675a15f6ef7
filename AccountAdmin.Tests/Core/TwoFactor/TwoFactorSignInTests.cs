using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.TwoFactor;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.TwoFactor;

/// <summary>The second step of signing in, in Core: each code once, wrong ones counted against the sign-in name.</summary>
public abstract class TwoFactorSignInTests(CoreFixture fixture)
{
    private const string Address = "198.51.100.9";

    private Task<(AppUser User, SecondFactor Factor)> UserAsync() => fixture.WithDataAsync(async data =>
    {
        var user = await data.UserAsync("twofactor", userName: TestData.Unique("handle"));
        return (user, await data.TwoFactorAsync(user));
    });

    private Task<SecondFactorAttempt> CodeAsync(AppUser user, string code, string? name = null) =>
        fixture.RunAsync(sp => sp.GetRequiredService<ITwoFactorSignIn>().WithCodeAsync(user.Id, name ?? user.Email!, Address, code));

    private Task<SecondFactorAttempt> RecoveryAsync(AppUser user, string code) =>
        fixture.RunAsync(sp => sp.GetRequiredService<ITwoFactorSignIn>().WithRecoveryCodeAsync(user.Id, user.Email!, Address, code));

    private Task<SignInAttempt> PasswordAsync(AppUser user) =>
        fixture.RunAsync(sp => sp.GetRequiredService<ISignInSecurity>().AttemptAsync(user.Email!, TestData.Password, Address));

    private static string Wrong(string key) => Totp.Now(key) == "000000" ? "111111" : "000000";

    [Fact]
    public async Task ARightCode_SignsIn_Once()
    {
        var (user, factor) = await UserAsync();
        var code = Totp.Now(factor.Key);

        var first = await CodeAsync(user, code);
        var again = await CodeAsync(user, code);

        Assert.Equal(user.Id, first.User!.Id);
        Assert.Equal([TwoFactorErrors.ReusedCode], again.Errors);
        Assert.Null(again.User);
    }

    [Fact]
    public async Task TwoRequestsWithOneCodeAtOnce_OnlyOneSignsIn()
    {
        var (user, factor) = await UserAsync();
        var code = Totp.Now(factor.Key);

        var attempts = await Task.WhenAll(CodeAsync(user, code), CodeAsync(user, code));

        Assert.Single(attempts, a => a.Succeeded);
    }

    [Fact]
    public async Task AnExpiredOrMisshapenCode_IsRefused_AndOnlyARealTryIsCounted()
    {
        var (user, factor) = await UserAsync();

        var expired = await CodeAsync(user, Totp.Now(factor.Key, steps: -10));
        var misshapen = await CodeAsync(user, "12 34");
        var counted = await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().SignInThrottles.AsNoTracking()
            .Where(t => t.Key.StartsWith(user.Email!.ToUpperInvariant())).ToListAsync());

        Assert.Equal([TwoFactorErrors.WrongCode], expired.Errors);
        Assert.Equal([TwoFactorErrors.CodeShape], misshapen.Errors);
        Assert.Equal(2, counted.Count);
        Assert.All(counted, t => Assert.Equal(1, t.Failures));
    }

    [Fact]
    public async Task WrongCodes_LockTheNameAsWrongPasswordsDo_AndThenTheRightPasswordIsRefusedToo()
    {
        var (user, factor) = await UserAsync();

        var wrong = new List<SecondFactorAttempt>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add(await CodeAsync(user, Wrong(factor.Key)));
        }

        var right = await CodeAsync(user, Totp.Now(factor.Key));
        var password = await PasswordAsync(user);

        Assert.Equal(["WrongCode", "WrongCode", "WrongCode", "WrongCode", "LockedOut"], wrong.Select(a => a.Errors.Single().Code));
        Assert.Equal("LockedOut", right.Errors.Single().Code);
        Assert.True(password.LockedOut);
        Assert.Equal(4, await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().AuditEvents
            .CountAsync(e => e.TargetUserId == user.Id && e.Action == AuditActions.SignInFailed)));
    }

    [Fact]
    public async Task ARightCode_ClearsTheCountsOfEveryNameOfTheUser()
    {
        var (user, factor) = await UserAsync();
        await CodeAsync(user, Wrong(factor.Key));
        await CodeAsync(user, Wrong(factor.Key), name: user.UserName!);
        var names = new[] { user.Email!.ToUpperInvariant(), user.UserName!.ToUpperInvariant() };
        Task<int> CountedAsync() => fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().SignInThrottles
            .CountAsync(t => t.Key.StartsWith(names[0]) || t.Key.StartsWith(names[1])));
        var before = await CountedAsync();

        var right = await CodeAsync(user, Totp.Now(factor.Key));

        Assert.Equal(4, before);
        Assert.True(right.Succeeded);
        Assert.Equal(0, await CountedAsync());
    }

    [Fact]
    public async Task ARecoveryCode_WorksOnce_AndSaysHowManyAreLeft()
    {
        var (user, factor) = await UserAsync();

        var first = await RecoveryAsync(user, factor.RecoveryCodes[0]);
        var again = await RecoveryAsync(user, factor.RecoveryCodes[0]);
        var made = await RecoveryAsync(user, "BCDFG-23456");

        Assert.Equal((true, 9), (first.Succeeded, first.RecoveryCodesLeft));
        Assert.Equal([TwoFactorErrors.WrongRecoveryCode], again.Errors);
        Assert.Equal([TwoFactorErrors.WrongRecoveryCode], made.Errors);
        Assert.Equal(1, await fixture.RunAsync(sp => sp.GetRequiredService<AccountAdminDbContext>().AuditEvents
            .CountAsync(e => e.TargetUserId == user.Id && e.Action == AuditActions.RecoveryCodeUsed)));
    }

    [Fact]
    public async Task AUserWithoutTwoFactor_HasNoSecondStep()
    {
        var user = await fixture.WithDataAsync(data => data.UserAsync("plain"));

        var attempt = await CodeAsync(user, "123456");

        Assert.Equal([TwoFactorErrors.SignInExpired], attempt.Errors);
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class TwoFactorSignInSqliteTests(SqliteCore fixture) : TwoFactorSignInTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class TwoFactorSignInPostgresTests(PostgresCore fixture) : TwoFactorSignInTests(fixture);
