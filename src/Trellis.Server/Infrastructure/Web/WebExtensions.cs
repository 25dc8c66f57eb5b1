using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Components;
using Trellis.Server.Features.Accounts;
using Trellis.Server.Features.Dashboard;
using Trellis.Server.Features.Partners;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Features.Portal;
using Trellis.Server.Features.Team;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Mail;

namespace Trellis.Server.Infrastructure.Web;

/// <summary>The browser side: Identity logins, the console's Razor components and their services.</summary>
public static class WebExtensions
{
    public const string RequestScheme = "Trellis";

    public static IServiceCollection AddConsole(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserStateProvider>();

        services.AddIdentityCore<TrellisUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): ten characters, any kind.
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TrellisDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PartnerClaimsFactory>()
            .AddDefaultTokenProviders();
        // The sign-in manager reads the request through RequestContext (see there for why not IHttpContextAccessor).
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<SignInManager<TrellisUser>>(sp, sp.GetRequiredService<RequestContext>()));

        // One default scheme that picks per request: the API (and any request with a bearer key) is
        // authenticated, challenged and forbidden by API key exactly as before (401/403, never a redirect);
        // everything else by the login cookie, so the console and Blazor's circuit know the user.
        services.AddAuthentication(options => options.DefaultScheme = RequestScheme)
            .AddPolicyScheme(RequestScheme, "API key or login cookie", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api")
                || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "trellis.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/account/login";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        // A removed member or changed role takes effect within a minute, not at the cookie's expiry.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        // Cookies and anti-forgery tokens stay valid across restarts: the key ring lives in the data folder,
        // or on PostgreSQL in the database, so that every node behind the load balancer reads the same keys.
        var protection = services.AddDataProtection().SetApplicationName("Trellis");
        if (database.Database == DatabaseProvider.Postgres)
        {
            protection.PersistKeysToDbContext<TrellisDbContext>();
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(database.DataDirectory), "keys")));
        }

        services.AddAuthorization(ConsolePolicies.Add);
        services.AddAuthorization(PortalAccess.Add);
        services.AddOptions<MailOptions>().BindConfiguration("Mail");
        services.AddSingleton<MailSender>();
        services.AddScoped<ConsoleData>();
        services.AddScoped<ProgramContext>();
        services.AddScoped<OwnerSetup>();
        services.AddScoped<AccountMails>();
        services.AddScoped<TeamService>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<PartnerListQuery>();
        services.AddScoped<PartnerApplications>();
        services.AddScoped<PortalQueries>();
        services.AddScoped<PortalPayoutDetails>();
        services.AddScoped<PayoutsConsole>();
        services.AddScoped<Features.CommissionRules.CommissionRulesConsole>();
        services.AddScoped<Features.Fraud.ReviewQueueConsole>();
        services.AddScoped<Features.Reports.ConsoleConversions>();
        services.AddScoped<PartnerDetailQuery>();
        services.AddScoped<PartnerNotes>();
        services.AddScoped<Features.Resources.ProgramResources>();
        services.AddScoped<Features.Webhooks.WebhooksConsole>();
        return services;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapPayoutsConsole();
        return app;
    }

    /// <summary>Only pages redirect to the login; anything under /api answers with a status code.</summary>
    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
