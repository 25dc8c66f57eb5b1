using System.Diagnostics;
using Microsoft.Extensions.Options;
using Trellis.Core.Tracking;

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
        services.AddScoped<ClickStore>();
        services.AddHostedService<ClickWriter>();
        return services;
    }

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/r/{code}", [HttpMethods.Get, HttpMethods.Head], RedirectAsync)
            .WithTags("Tracking")
            .WithName("Redirect")
            .WithSummary("Follow a tracked link: 302 to the destination with tclid added");
        return app;
    }

    /// <summary>
    /// The hot path: cache lookup, signed click id, one append to the spool, 302. Nothing here waits on
    /// the database once the link is cached, and nothing is logged per request.
    /// </summary>
    private static async ValueTask<IResult> RedirectAsync(
        string code, HttpContext http, LinkCache cache, ClickSpool spool, TrackingSecrets secrets, GeoIpLookup geo,
        TrackingMetrics metrics, IOptions<TrackingOptions> options, TimeProvider time)
    {
        var started = Stopwatch.GetTimestamp();
        if (!cache.TryGet(code, out var link))
        {
            var found = await cache.FindAsync(code, http.RequestAborted);
            if (found is null)
            {
                return Results.Content(NotFoundPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            link = found;
        }

        var now = time.GetUtcNow();
        var clickId = secrets.Codec.Encode(link.LinkGuid, now);
        var request = http.Request;
        var ip = http.Connection.RemoteIpAddress;
        spool.TryAppend(new SpooledClick(
            clickId, link.LinkGuid, link.ProgramId, link.EnrollmentId, now,
            IpAnonymizer.Key(ip, secrets.IpSecret), geo.Country(ip),
            request.Headers.UserAgent, request.Headers.Referer, HttpMethods.IsHead(request.Method),
            Tags(request.Query, link.Defaults)));

        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = options.Value.ReferrerPolicy;
        metrics.Redirect(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Results.Redirect(link.Destination(clickId));
    }

    /// <summary>sub1..sub5 and utm_* from the request, over the link's own values.</summary>
    private static ClickTags Tags(IQueryCollection query, ClickTags defaults)
    {
        if (query.Count == 0)
        {
            return defaults;
        }

        var values = defaults.ToArray();
        var changed = false;
        for (var i = 0; i < ClickTags.QueryNames.Length; i++)
        {
            if (query.TryGetValue(ClickTags.QueryNames[i], out var value) && !string.IsNullOrEmpty(value))
            {
                values[i] = value.ToString();
                changed = true;
            }
        }

        return changed ? ClickTags.FromArray(values) : defaults;
    }

    private const string NotFoundPage =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Link not found</title></head>" +
        "<body style=\"font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem\">" +
        "<h1>Link not found</h1><p>This link does not exist or is no longer active.</p></body></html>";
}
