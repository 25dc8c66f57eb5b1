namespace Trellis.Server.Features.Ecosystem;

/// <summary>The ecosystem view (leadership dashboard).</summary>
public static class EcosystemStartup
{
    public static IServiceCollection AddEcosystem(this IServiceCollection services)
    {
        services.AddScoped<EcosystemQuery>();
        return services;
    }
}
