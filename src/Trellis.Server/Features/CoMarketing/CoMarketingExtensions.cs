namespace Trellis.Server.Features.CoMarketing;

/// <summary>Co-marketing: campaigns with partners and market development funds.</summary>
public static class CoMarketingExtensions
{
    public static IServiceCollection AddCoMarketing(this IServiceCollection services)
    {
        services.AddScoped<Campaigns>();
        services.AddScoped<CampaignResults>();
        services.AddScoped<FundDesk>();
        services.AddScoped<CoMarketingConsole>();
        services.AddScoped<CoMarketingPortal>();
        // Replaced by the deals feature once deals can be registered through a campaign.
        services.AddScoped<ICampaignPipeline, DealsCampaignPipeline>();
        return services;
    }

    public static RouteGroupBuilder MapCoMarketing(this RouteGroupBuilder api) => api.MapCampaigns().MapFunds();
}
