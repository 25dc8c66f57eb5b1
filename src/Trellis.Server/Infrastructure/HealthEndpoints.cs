using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Trellis.Data;

namespace Trellis.Server.Infrastructure;

/// <summary>
/// <c>/health/live</c>: the process answers (no checks). <c>/health/ready</c>: it can reach its database, so
/// a load balancer may send it traffic. Both are public and short-circuited like the redirect.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddTrellisHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<TrellisDbContext>("database", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapTrellisHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ShortCircuit();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).ShortCircuit();
        return app;
    }
}
