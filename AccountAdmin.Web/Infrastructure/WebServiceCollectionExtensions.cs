using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Hosting;
using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace AccountAdmin.Web.Infrastructure;

public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddAccountAdminWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var portal = services.AddValidatedOptions<PortalOptions>(configuration, PortalOptions.Section);
        var requireHttps = portal.RequireHttps ?? !environment.IsDevelopment();
        services.AddPublicAddress(configuration, environment);

        services.AddHttpContextAccessor();
        services.AddScoped<IActorContext, HttpActorContext>();
        services.AddScoped<CurrentAccount>();
        services.AddSingleton<UserListCursor>();
        services.AddSingleton<BulkProgressBoard>();
        services.AddSingleton<PasswordResetQueue>();
        services.AddHostedService<PasswordResetWorker>();
        services.AddScoped<Pages.Accounts.Users.Edit.UserScreenLoader>();
        services.AddScoped<Pages.Profile.ProfileScreenLoader>();
        services.AddScoped<PortalSignIn>();
        if (configuration.GetSection(AccountAdmin.Core.Email.EmailOptions.Section).Get<AccountAdmin.Core.Email.EmailOptions>() is not { DeliverInBackground: false })
        {
            services.AddHostedService<OutboxWorker>();
        }

        services.AddIdentityCore<AppUser>(ServiceCollectionExtensions.ConfigureIdentity)
            .AddEntityFrameworkStores<AccountAdminDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();

        // Passkeys belong to the portal's public host name (the relying party id), wherever an instance listens; the browser's
        // origin must be the request's own. The ceremony's challenge waits in the TwoFactorUserId cookie, used once.
        services.AddOptions<IdentityPasskeyOptions>().Configure<AccountAdmin.Core.Email.PortalAddressOptions>(
            (passkeys, portal) => passkeys.ServerDomain = Uri.TryCreate(portal.PublicUrl, UriKind.Absolute, out var url) ? url.Host : null);

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "AccountAdmin.Session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/status/403";
            cookie.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            cookie.Events.OnSigningIn = SessionValidation.OnSigningInAsync;
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddPortalHealth();
        services.AddPortalTelemetry(configuration);
        // The second step of a sign-in waits in Identity's TwoFactorUserId cookie (5 minutes); "remember this browser" is its
        // TwoFactorRememberMe cookie, checked against the user's security stamp every time it is read, so a new password,
        // or two-factor turned off or reset, forgets every remembered browser.
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.Name = "AccountAdmin.TwoFactor";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, cookie =>
        {
            cookie.Cookie.Name = "AccountAdmin.RememberBrowser";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(30);
        });
        services.Configure<SecurityStampValidatorOptions>(stamps => stamps.ValidationInterval = TimeSpan.Zero);

        services.AddSignInRateLimits(services.AddValidatedOptions<RateLimitOptions>(configuration, RateLimitOptions.Section));

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "AccountAdmin.Antiforgery";
            antiforgery.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // Keys live in the database so that several instances (and restarts) read each other's cookies and links.
        var keys = services.AddValidatedOptions<KeyStorageOptions>(configuration, KeyStorageOptions.Section);
        var protection = services.AddDataProtection()
            .SetApplicationName("AccountAdmin")
            .PersistKeysToDbContext<AccountAdminDbContext>();
        if (keys.CertificatePath is { Length: > 0 } certificate)
        {
            protection.ProtectKeysWithCertificate(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(certificate, keys.CertificatePassword));
        }

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in portal.KnownProxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        services.AddRazorPages(pages =>
        {
            pages.Conventions.ConfigureFilter(new ImpersonationScope());
            pages.Conventions.ConfigureFilter(new MissingHandlerFilter());
            pages.Conventions.ConfigureFilter(new FormValueGuard());
            pages.Conventions.ConfigureFilter(new SecondFactorRequirement());
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/Sessions/Login");
            pages.Conventions.AllowAnonymousToPage("/Sessions/Logout");
            pages.Conventions.AllowAnonymousToPage("/Sessions/ForgotPassword");
            pages.Conventions.AllowAnonymousToPage("/Sessions/ResetPassword");
            pages.Conventions.AllowAnonymousToPage("/Sessions/TwoFactor");
            pages.Conventions.AllowAnonymousToPage("/Sessions/RecoveryCode");
            foreach (var page in SignInRateLimits.Pages)
            {
                pages.Conventions.AddPageApplicationModelConvention(
                    page, model => model.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(SignInRateLimits.Policy)));
            }
            pages.Conventions.AllowAnonymousToFolder("/Status");
            pages.Conventions.AllowAnonymousToFolder("/Invitations");
        });

        if (requireHttps)
        {
            services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(180));

            // Known up front: behind a proxy the portal cannot discover it, and an unredirected plain request would fail.
            services.AddHttpsRedirection(redirect => redirect.HttpsPort = portal.HttpsPort);
        }

        return services;
    }

    /// <summary>
    /// Prepares the database before the portal serves. One it can't reach doesn't stop the portal: pages answer 503, and
    /// <see cref="DatabaseRetry"/> keeps trying until it can.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var readiness = app.Services.GetRequiredService<DatabaseReadiness>();
        try
        {
            await PrepareAsync(app.Services, CancellationToken.None);
            readiness.Succeed();
        }
        catch (System.Data.Common.DbException e)
        {
            readiness.Fail(e.Message);
            app.Logger.LogError(e, "The database can't be reached; the portal answers 503 and keeps trying.");
        }
    }

    /// <summary>Migrations (unless Database:MigrateOnStartup is off outside Development), the key folder's import, the demo data.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var environment = services.GetRequiredService<IWebHostEnvironment>();
        var database = services.GetRequiredService<DatabaseOptions>();
        if (!database.MigrateOnStartup && !environment.IsDevelopment())
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountAdminDbContext>();
        await DatabaseSetup.MigrateAsync(db, cancellationToken);
        await KeyFolderImport.ImportAsync(db, services.GetRequiredService<KeyStorageOptions>().Folder(environment), cancellationToken);
        if (services.GetRequiredService<PortalOptions>().SeedDemoData ?? environment.IsDevelopment())
        {
            await scope.ServiceProvider.GetRequiredService<AccountAdmin.Core.Bootstrap.DemoData>().SeedAsync(cancellationToken);
        }
    }

    public static WebApplication UseAccountAdminPipeline(this WebApplication app)
    {
        var portal = app.Services.GetRequiredService<PortalOptions>();
        var requireHttps = portal.RequireHttps ?? !app.Environment.IsDevelopment();

        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/status/500");
        }

        if (requireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            await next();
        });
        app.UseStaticFiles();
        app.UseDatabaseReadiness();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePostedForms();
        app.MapRazorPages();
        app.MapPortalHealth();
        return app;
    }
}
