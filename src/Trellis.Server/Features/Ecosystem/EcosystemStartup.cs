namespace Trellis.Server.Features.Ecosystem;

/// <summary>The ecosystem view (leadership dashboard).</summary>
public static class EcosystemStartup
{
    public static IServiceCollection AddEcosystem(this IServiceCollection services)
    {
        // The reach map's seam: replaced by the reach service's adapter at merge (see EcosystemDtos.cs).
        services.AddScoped<IEcosystemReachSource, NoEcosystemReach>();
        services.AddScoped<EcosystemQuery>();
        return services;
    }
}
