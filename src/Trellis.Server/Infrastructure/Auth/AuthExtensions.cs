using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Trellis.Data;

namespace Trellis.Server.Infrastructure.Auth;

public static class AuthExtensions
{
    public static IServiceCollection AddTrellisAuth(this IServiceCollection services)
    {
        // The default scheme (API key for /api and bearer requests, else the login cookie) is set by
        // AddConsole; the public redirect is short-circuited and pays for no authentication handler.
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(options =>
        {
            options.DefaultPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
            foreach (var scope in Scopes.Known.Where(s => s != Scopes.All))
            {
                options.AddPolicy(scope, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => context.User.HasScope(scope)));
            }
        });
        services.AddSingleton<Web.RequestContext>();
        services.AddScoped<Web.ConsoleActor>();
        services.AddScoped<IAuditActor, HttpAuditActor>();
        services.AddScoped<Tenancy.ProgramScope>();
        return services;
    }

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.HasClaim(Scopes.ClaimType, scope) || user.HasClaim(Scopes.ClaimType, Scopes.All);

    public static string? ApiKeyId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>
    /// Audit log actor: the console user of an interactive page's operation, else the API key (or logged-in
    /// user) behind the current request, or "system" outside one.
    /// </summary>
    private sealed class HttpAuditActor(Web.RequestContext accessor, Web.ConsoleActor console) : IAuditActor
    {
        public string Actor => console.User?.ApiKeyId() ?? accessor.HttpContext?.User.ApiKeyId() ?? "system";
    }
}
