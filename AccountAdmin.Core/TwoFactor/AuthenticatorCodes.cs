using System.Globalization;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.TwoFactor;

/// <summary>
/// Identity's authenticator provider, with each code working once. The provider takes a code for up to five 30-second
/// steps (two either side of now) and says only yes or no, so a code it took is remembered among the user's tokens for
/// longer than that: the same code again is refused, and two requests racing with one code can't both save it.
/// </summary>
internal static class AuthenticatorCodes
{
    private const string Store = "AccountAdmin";
    private const string Prefix = "AuthenticatorCodeUsed:";
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(3);

    /// <summary>Null when the code is right and unused (it is used now); otherwise why not.</summary>
    public static async Task<CommandError?> UseAsync(
        UserManager<AppUser> users, AccountAdminDbContext db, AppUser user, string code, DateTime now, CancellationToken cancellationToken)
    {
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return TwoFactorErrors.WrongCode;
        }

        var name = Prefix + code;
        var forgotten = now - Remembered;
        var used = await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == Store && t.Name.StartsWith(Prefix)).ToListAsync(cancellationToken);
        var same = used.SingleOrDefault(t => t.Name == name);
        if (same is not null && At(same) > forgotten)
        {
            return TwoFactorErrors.ReusedCode;
        }

        db.UserTokens.RemoveRange(used.Where(t => t != same && At(t) <= forgotten));
        var stamp = now.Ticks.ToString(CultureInfo.InvariantCulture);
        if (same is null)
        {
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = user.Id, LoginProvider = Store, Name = name, Value = stamp });
        }
        else
        {
            same.Value = stamp;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return TwoFactorErrors.ReusedCode;
        }
    }

    private static DateTime At(IdentityUserToken<Guid> token) =>
        long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999
            ? new DateTime(ticks, DateTimeKind.Utc)
            : DateTime.MinValue;
}
