using AccountAdmin.Core.Accounts;
using AccountAdmin.Core.Agencies;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.BulkAdd;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Invitations;
using AccountAdmin.Core.Owners;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Roles;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Core.Users;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AccountAdmin.Core.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers Core: the database, the domain services and the clock. The host adds Identity's sign-in on top.</summary>
    public static IServiceCollection AddAccountAdminCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.Section);
        // Interceptors registered by the host (tests count commands with one) join every context.
        services.AddDbContextPool<AccountAdminDbContext>(
            (sp, db) => UseDatabase(db, sp.GetRequiredService<DatabaseOptions>()).AddInterceptors(sp.GetServices<IInterceptor>()));

        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<EmailOptions>(configuration, EmailOptions.Section);
        services.AddValidatedOptions<PortalAddressOptions>(configuration, PortalAddressOptions.Section);
        services.AddValidatedOptions<LinkOptions>(configuration, LinkOptions.Section);
        services.TryAddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<EmailTemplates>();
        services.AddScoped<ChangeAuthors>();
        services.AddScoped<Sessions.SignInChangeNotices>();
        services.AddScoped<IUserAdministration, UserAdministration>();
        services.AddScoped<IBulkUserActions, BulkUserActions>();
        services.AddScoped<IInvitationService, InvitationService>();
        services.AddScoped<IOwnerRemovals, OwnerRemovals>();
        services.AddScoped<IPasswordService, PasswordService>();
        services.AddScoped<IAgencyUsers, AgencyUsers>();
        services.AddScoped<IUserCreation, UserCreation>();
        services.AddScoped<IBulkAdd, BulkAdder>();
        services.AddScoped<IUserExport, UserExport>();
        services.AddScoped<IUserProfiles, UserProfiles>();
        services.AddScoped<IEmailChanges, EmailChanges>();
        services.AddScoped<IRoleAssignments, RoleAssignments>();
        services.AddOptions<Microsoft.AspNetCore.Identity.DataProtectionTokenProviderOptions>()
            .Configure<LinkOptions>((tokens, links) => tokens.TokenLifespan = links.LinkLifespan);
        services.TryAddScoped<IActorContext, SystemActor>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<IAccessService, AccessService>();
        services.AddScoped<IEffectiveAccess, EffectiveAccess>();
        services.AddScoped<IAccountDirectory, AccountDirectory>();
        services.AddScoped<IAgencyAccounts, AgencyAccounts>();
        services.AddScoped<Divisions.IDivisionService, Divisions.DivisionService>();
        services.AddScoped<Divisions.IDivisionPicker, Divisions.DivisionPicker>();
        services.AddScoped<Groups.IAccessGroups, Groups.AccessGroups>();
        services.AddScoped<Schedules.ISchedules, Schedules.AccountSchedules>();
        services.AddScoped<Routing.IRoutingMethods, Routing.RoutingMethods>();
        services.AddScoped<Placements.IAgentWork, Placements.AgentWorkQuery>();
        services.AddValidatedOptions<Impersonations.ImpersonationOptions>(configuration, Impersonations.ImpersonationOptions.Section);
        services.AddScoped<Impersonations.IImpersonationService, Impersonations.ImpersonationService>();
        services.AddScoped<Impersonations.ImpersonationGuard>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<Support.ISupportDesk, Support.SupportDesk>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<ISessionService, SessionService>();
        services.AddValidatedOptions<SignInLimits>(configuration, SignInLimits.Section);
        services.AddScoped<ISignInSecurity, SignInSecurity>();
        services.AddScoped<ISessionManagement, SessionManagement>();
        services.AddScoped<TwoFactor.ITwoFactorSettings, TwoFactor.TwoFactorSettings>();
        services.AddScoped<TwoFactor.ITwoFactorSignIn, TwoFactor.TwoFactorSignIn>();
        services.AddScoped<TwoFactor.ITwoFactorReset, TwoFactor.TwoFactorReset>();
        services.AddScoped<Passkeys.IPasskeys, Passkeys.Passkeys>();
        services.AddSingleton<Sessions.SessionActivity>();
        services.AddScoped<Sessions.IRecentSignIn, Sessions.RecentSignIn>();
        services.AddScoped<TwoFactor.ITwoFactorRequirements, TwoFactor.TwoFactorRequirements>();
        services.AddValidatedOptions<PasswordPolicyOptions>(configuration, PasswordPolicyOptions.Section);
        services.AddOptions<IdentityOptions>().Configure<IOptions<PasswordPolicyOptions>>(
            (identity, passwords) => identity.Password.RequiredLength = passwords.Value.MinimumLength);
        // Identity's own validator (the minimum length) and ours, whichever registers first.
        services.AddScoped<IPasswordValidator<AppUser>, PasswordValidator<AppUser>>();
        services.AddScoped<IPasswordValidator<AppUser>, PasswordPolicy>();
        services.AddValidatedOptions<PasswordResetOptions>(configuration, PasswordResetOptions.Section);
        services.AddOptions<PasswordResetTokenProviderOptions>().Configure<PasswordResetOptions>((tokens, resets) =>
        {
            tokens.Name = PasswordResetTokenProvider.ProviderName;
            tokens.TokenLifespan = resets.LinkLifespan;
        });
        services.AddTransient<PasswordResetTokenProvider>();
        services.AddDataProtection();
        services.Configure<IdentityOptions>(identity =>
            identity.Tokens.ProviderMap[PasswordResetTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(PasswordResetTokenProvider)));
        services.AddScoped<IPasswordResets, PasswordResets>();
        services.AddSingleton<OutboxMetrics>();
        services.AddScoped<ProvisioningService>();
        services.AddScoped<DemoData>();
        return services;
    }

    /// <summary>
    /// The engine, with its own migrations: each engine's are generated by `dotnet ef` into a project of their own
    /// (AccountAdmin.Migrations.Sqlite, AccountAdmin.Migrations.PostgreSql), which the host must reference.
    /// </summary>
    public static DbContextOptionsBuilder UseDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options) =>
        options.Provider switch
        {
            DatabaseProvider.PostgreSql => builder.UseNpgsql(
                options.ConnectionString, npgsql => npgsql.MigrationsAssembly(DatabaseSetup.MigrationsAssembly(DatabaseProvider.PostgreSql))),
            _ => builder.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsAssembly(DatabaseSetup.MigrationsAssembly(DatabaseProvider.Sqlite)))
                .AddInterceptors(new SqliteMemoryMap(options.SqliteMemoryMapMegabytes * 1024L * 1024L)),
        };

    /// <summary>Identity's options as the portal runs them: unique e-mails, lockout on, a real password policy.</summary>
    public static void ConfigureIdentity(IdentityOptions identity)
    {
        identity.User.RequireUniqueEmail = true;
        identity.User.AllowedUserNameCharacters += "+";
        // Length, not composition (NIST SP 800-63B-4): the minimum comes from Passwords:MinimumLength, the rest from PasswordPolicy.
        identity.Password.RequiredLength = new PasswordPolicyOptions().MinimumLength;
        identity.Password.RequireNonAlphanumeric = false;
        identity.Password.RequireDigit = false;
        identity.Password.RequireLowercase = false;
        identity.Password.RequireUppercase = false;
        identity.Password.RequiredUniqueChars = 1;
        // Guessing is limited per sign-in name by Sessions/SignInSecurity, for names nobody has as for real ones; Identity's
        // own per-user lockout is never asked.
        identity.Lockout.AllowedForNewUsers = true;
        identity.SignIn.RequireConfirmedAccount = false;
    }
}
