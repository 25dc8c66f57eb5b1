using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Trellis.Server.Infrastructure.Auth;

namespace Trellis.Server.Infrastructure;

/// <summary>Per-key API limits, bound from <c>RateLimiting</c>.</summary>
public sealed class RateLimitingOptions
{
    /// <summary>Requests a key may make in a burst.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 200;

    /// <summary>Requests per second a key regains.</summary>
    [Range(1, 1_000_000)]
    public int PerSecond { get; set; } = 100;

    /// <summary>Applications one address may submit on the public <c>/join/{programId}</c> page per <see cref="ApplicationWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int Applications { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ApplicationWindow { get; set; } = TimeSpan.FromHours(1);
}

public static class RateLimitExtensions
{
    public const string PerApiKey = "per-api-key";

    public static IServiceCollection AddTrellisRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration("RateLimiting").ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PerApiKey, context =>
            {
                var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitingOptions>>().Value;
                var partition = context.User.ApiKeyId() ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.PerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            // The application form is a server-rendered page, not an endpoint of its own: a global limiter
            // picks its posts out, before the page (and the partner and login it creates) runs at all.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsApplication(context.Request))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitingOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "anonymous", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.Applications,
                    Window = options.ApplicationWindow,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (IsApplication(context.HttpContext.Request))
                {
                    // A browser posted the form: answer with a page a person can read.
                    var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
                    context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                    await context.HttpContext.Response.WriteAsync(
                        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many applications · Trellis</title></head><body>"
                        + "<h1>Too many applications</h1><p role=\"alert\" data-testid=\"apply-rate-limited\">Too many applications were sent from your network. "
                        + $"Nothing was saved; please try again in {minutes} minute{(minutes == 1 ? "" : "s")}.</p></body></html>", cancellationToken);
                    return;
                }

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This API key is over its rate limit; retry after {seconds} s.",
                    },
                });
            };
        });
        return services;
    }

    private static bool IsApplication(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/join", StringComparison.OrdinalIgnoreCase);
}
