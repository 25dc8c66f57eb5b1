using Microsoft.Extensions.Options;

namespace Trellis.Server.Features.Tracking;

public static class TrackingApi
{
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddOptions<TrackingOptions>().BindConfiguration("Tracking").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrackingSecrets>();
        services.AddSingleton<TrackingMetrics>();
        services.AddSingleton<LinkCache>();
        services.AddSingleton<ClickSpool>();
        services.AddSingleton<GeoIpLookup>();
        services.AddSingleton<Redirector>();
        services.AddScoped<ClickStore>();
        services.AddHostedService<ClickWriter>();
        services.AddScoped<ClickPartitions>();
        services.AddHostedService<ClickPartitionWorker>();
        services.AddOptions<LinkSyncOptions>().BindConfiguration("LinkSync").ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<LinkCacheSync>();
        services.AddOptions<HostOptions>().Configure<IOptions<TrackingOptions>>((host, tracking) =>
            host.ShutdownTimeout = tracking.Value.DrainTimeout > host.ShutdownTimeout ? tracking.Value.DrainTimeout : host.ShutdownTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        var redirector = app.ServiceProvider.GetRequiredService<Redirector>();
        app.MapMethods("/r/{code}", [HttpMethods.Get, HttpMethods.Head], (string code, HttpContext http) => redirector.HandleAsync(code, http))
            .WithTags("Tracking")
            .WithName("Redirect")
            .WithSummary("Follow a tracked link: 302 to the destination with tclid added")
            .Produces(StatusCodes.Status302Found)
            .Produces(StatusCodes.Status404NotFound, contentType: "text/html")
            // The public hot path needs none of the API's middleware (authentication, rate limits, problem
            // details, validation): answer straight from routing.
            .DisableValidation()
            .ShortCircuit();
        return app;
    }
}
