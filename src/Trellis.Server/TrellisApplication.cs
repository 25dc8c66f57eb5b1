using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Trellis.Data;
using Trellis.Server.Features.AccountMapping;
using Trellis.Server.Features.ApiKeys;
using Trellis.Server.Features.Audit;
using Trellis.Server.Features.CoMarketing;
using Trellis.Server.Features.CommissionRules;
using Trellis.Server.Features.Commissions;
using Trellis.Server.Features.Conversions;
using Trellis.Server.Features.Coupons;
using Trellis.Server.Features.Deals;
using Trellis.Server.Features.Ecosystem;
using Trellis.Server.Features.Enrollments;
using Trellis.Server.Features.ExchangeRates;
using Trellis.Server.Features.Fraud;
using Trellis.Server.Features.Integrations;
using Trellis.Server.Features.Links;
using Trellis.Server.Features.Partners;
using Trellis.Server.Features.Payouts;
using Trellis.Server.Features.Potential;
using Trellis.Server.Features.Programs;
using Trellis.Server.Features.Reports;
using Trellis.Server.Features.Tiers;
using Trellis.Server.Features.Tracking;
using Trellis.Server.Features.Webhooks;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Web;

namespace Trellis.Server;

/// <summary>The composition root, feature by feature.</summary>
public static class TrellisApplication
{
    public static WebApplicationBuilder AddTrellis(this WebApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection("Trellis").Get<DatabaseOptions>() ?? new DatabaseOptions();
        database.ConnectionString ??= builder.Configuration.GetConnectionString("Trellis");

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<TrellisOptions>().BindConfiguration("Trellis");
        services.AddTrellisData(database);
        services.AddOptions<JobOptions>().BindConfiguration("Jobs").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobLeases>();
        services.AddTrellisProblemDetails();
        services.AddValidation();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // Numbers are numbers: "amount": "100" is refused rather than guessed at.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddTrellisAuth();
        services.AddTrellisRateLimiting();
        services.AddTrellisOpenApi();
        services.AddTracking();
        services.AddTrellisHealth();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(TrackingMetrics.MeterName, "System.Runtime")
            .AddPrometheusExporter());
        services.AddConversions();
        services.AddCommissions();
        services.AddIntegrations();
        services.AddWebhooks();
        services.AddPayouts();
        services.AddFraud();
        services.AddDeals();
        services.AddCoMarketing();
        services.AddTiers();
        services.AddEcosystem();
        services.AddPotential();
        services.AddAccountMapping();
        services.AddScoped<ProgramService>();
        services.AddScoped<ApiKeyService>();
        services.AddConsole(database);
        // Registered by Identity; replaced by RequestContext, which the redirect path never touches.
        services.RemoveAll<IHttpContextAccessor>();

        // Static assets of packages (MudBlazor's CSS and JS) come from the build output in every environment.
        builder.WebHost.UseStaticWebAssets();
        // Without this, serving from the build output also maps a catch-all route whose constraint asks the
        // disk whether wwwroot/<path> exists: one stat per request, redirects included, for files added at run time.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] ??= "true";
        // While its logger is enabled at any level, hosting starts an Activity and a log scope for every request
        // (a third of a redirect's allocations) just to correlate "request started/finished" lines. Off unless
        // Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics asks for them.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        }
        return builder;
    }

    public static WebApplication UseTrellis(this WebApplication app)
    {
        RequestContext.UseRequestContext(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();

        app.MapGet("/", () => Results.Redirect("/console")).ExcludeFromDescription();
        app.MapTrellisOpenApi();
        app.MapTracking();
        app.MapTrellisHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapIntegrations();

        var api = app.MapGroup("/api/v1").RequireAuthorization().RequireRateLimiting(RateLimitExtensions.PerApiKey);
        api.MapPrograms().MapPartners().MapEnrollments().MapLinks().MapCoupons().MapCommissionRules()
            .MapTrack().MapCommissions().MapReports().MapApiKeys().MapAudit().MapExchangeRates();
        api.MapIntegrationSettings().MapServerClicks();
        api.MapWebhooks().MapPostbacks();
        api.MapPayouts();
        api.MapFraud();
        api.MapDeals();
        api.MapCoMarketing();
        api.MapTiers();
        api.MapEcosystem();
        api.MapPotential();
        api.MapAccountMapping();
        app.MapConsole();
        return app;
    }
}
