using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Trellis.Core.Tracking;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// The hot path of <c>/r/{code}</c>: cache lookup, signed click id, one copy into the spool, 302.
/// Nothing here waits on the database once the link is cached, nothing is logged per request, and the
/// endpoint binds only the code and the context (one object from DI, resolved once at mapping).
/// </summary>
public sealed class Redirector(
    LinkCache cache, ClickSpool spool, TrackingSecrets secrets, GeoIpLookup geo, TrackingMetrics metrics,
    IOptions<TrackingOptions> options, TimeProvider time)
{
    private const int MaxIpKeys = 100_000;

    private readonly string _referrerPolicy = options.Value.ReferrerPolicy;
    private readonly ConcurrentDictionary<UInt128, string> _ipKeys = new();

    public async Task HandleAsync(string code, HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        if (!cache.TryGet(code, out var link))
        {
            var found = await cache.FindAsync(code, http.RequestAborted);
            if (found is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(NotFoundPage, http.RequestAborted);
                return;
            }

            link = found;
        }

        var request = http.Request;
        // The connection feature and the query only when there is one: http.Connection and request.Query each
        // allocate a wrapper per request.
        var clickId = Record(link, http.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress, request.Headers.UserAgent,
            request.Headers.Referer, HttpMethods.IsHead(request.Method),
            request.QueryString.HasValue ? Tags(request.Query, link.Defaults) : link.Defaults);
        var response = http.Response;
        response.StatusCode = StatusCodes.Status302Found;
        var headers = response.Headers;
        headers.Location = link.Destination(clickId);
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = _referrerPolicy;
        metrics.Redirect(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Records a click on <paramref name="link"/> and returns its signed click id: the redirect's path, and
    /// the one for clicks a brand's server reports for visitors who landed without a redirect.
    /// </summary>
    public string Record(CachedLink link, IPAddress? ip, string? userAgent, string? referrer, bool isHead, ClickTags tags)
    {
        var now = time.GetUtcNow();
        var clickId = secrets.Codec.Encode(link.LinkGuid, now);
        spool.TryAppend(new SpooledClick(
            clickId, link.LinkGuid, link.ProgramId, link.EnrollmentId, now, IpKey(ip), geo.Country(ip), userAgent, referrer, isHead, tags));
        return clickId;
    }

    /// <summary>The anonymized key of the address's /24 or /48, remembered per prefix: the same visitors come back.</summary>
    private string IpKey(IPAddress? ip)
    {
        if (ip is null)
        {
            return IpAnonymizer.Key(null, secrets.IpSecret);
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out _);
        var prefix = ip.AddressFamily == AddressFamily.InterNetwork
            ? new UInt128(0, (ulong)bytes[0] << 16 | (ulong)bytes[1] << 8 | bytes[2])
            : new UInt128(1, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16);
        if (_ipKeys.TryGetValue(prefix, out var key))
        {
            return key;
        }

        if (_ipKeys.Count >= MaxIpKeys)
        {
            _ipKeys.Clear();
        }

        return _ipKeys[prefix] = IpAnonymizer.Key(ip, secrets.IpSecret);
    }

    /// <summary>sub1..sub5 and utm_* from the request, over the link's own values.</summary>
    public static ClickTags Tags(IQueryCollection query, ClickTags defaults)
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
