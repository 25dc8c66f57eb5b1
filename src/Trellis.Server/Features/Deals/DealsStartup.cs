namespace Trellis.Server.Features.Deals;

/// <summary>Deals, leads, company accounts, the internal pipeline and partner touches.</summary>
public static class DealsStartup
{
    public static IServiceCollection AddDeals(this IServiceCollection services)
    {
        services.AddOptions<DealOptions>().BindConfiguration("Deals").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<DealConflicts>().AddScoped<DealService>().AddScoped<OpportunityService>().AddScoped<DealsConsole>();
        services.AddHostedService<DealExpiryWorker>();
        return services;
    }

    public static RouteGroupBuilder MapDeals(this RouteGroupBuilder api) =>
        api.MapDealRegistrations().MapCompanyAccounts().MapOpportunities();
}
