using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Trellis.Data;

namespace Trellis.Server.Infrastructure.Auth;

public static class AuthExtensions
{
    public static IServiceCollection AddTrellisAuth(this IServiceCollection services)
    {
        // No default scheme: requests are authenticated by the policies that need it (the API), so the
        // public redirect does not pay for an authentication handler on every hit.
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
        services.AddHttpContextAccessor();
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
    private sealed class HttpAuditActor(IHttpContextAccessor accessor, Web.ConsoleActor console) : IAuditActor
    {
        public string Actor => console.User?.ApiKeyId() ?? accessor.HttpContext?.User.ApiKeyId() ?? "system";
    }
}
