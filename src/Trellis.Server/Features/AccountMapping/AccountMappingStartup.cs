namespace Trellis.Server.Features.AccountMapping;

/// <summary>Account mapping: partners' lists, sharing settings, overlaps and the co-sell action.</summary>
public static class AccountMappingStartup
{
    public static IServiceCollection AddAccountMapping(this IServiceCollection services) =>
        services.AddScoped<AccountMapService>().AddScoped<AccountMappingConsole>();
}
