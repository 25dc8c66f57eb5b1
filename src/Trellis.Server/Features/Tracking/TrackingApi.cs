using Microsoft.AspNetCore.WebUtilities;

namespace Trellis.Server.Features.Tracking;

public static class TrackingApi
{
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddOptions<TrackingOptions>().BindConfiguration("Tracking").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrackingSecrets>();
        services.AddSingleton<LinkCache>();
        services.AddSingleton<ClickQueue>();
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
    /// The hot path: cache lookup, click id, enqueue, 302. Nothing here waits on the database once the
    /// link is cached.
    /// </summary>
    private static async Task<IResult> RedirectAsync(
        string code, HttpContext http, LinkCache cache, ClickQueue queue, TrackingSecrets secrets, TimeProvider time)
    {
        var link = await cache.FindAsync(code, http.RequestAborted);
        if (link is null)
        {
            return Results.Content(NotFoundPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var now = time.GetUtcNow();
        var clickId = secrets.Codec.Encode(link.LinkGuid, now);
        var request = http.Request;
        var query = request.Query;
        queue.TryEnqueue(new ClickRecord(
            clickId, link, now, http.Connection.RemoteIpAddress, request.Headers.UserAgent, request.Headers.Referer,
            HttpMethods.IsHead(request.Method),
            query["sub1"].FirstOrDefault(), query["sub2"].FirstOrDefault(), query["sub3"].FirstOrDefault(),
            query["sub4"].FirstOrDefault(), query["sub5"].FirstOrDefault()));

        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(QueryHelpers.AddQueryString(link.Url, "tclid", clickId));
    }

    private const string NotFoundPage =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Link not found</title></head>" +
        "<body style=\"font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem\">" +
        "<h1>Link not found</h1><p>This link does not exist or is no longer active.</p></body></html>";
}
