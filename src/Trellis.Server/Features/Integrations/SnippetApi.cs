using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Trellis.Core;
using Trellis.Core.Tracking;
using Trellis.Data;
using Trellis.Data.Model;
using Trellis.Server.Features.Conversions;
using Trellis.Server.Features.Tracking;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Integrations;

/// <summary>The landing side: t.js, the leads it reports, and clicks recorded by the brand's own server.</summary>
public static class SnippetApi
{
    public const string Source = "browser";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapSnippet(this IEndpointRouteBuilder app)
    {
        app.MapGet("/t.js", Script).WithTags("Integrations").WithName("TrackingScript")
            .WithSummary("The tracking snippet (cache it for a year with ?v=<version> from GET …/integrations)");
        app.MapPost("/t/{programId}/leads", BrowserLeadAsync).WithTags("Integrations").WithName("BrowserLead")
            .WithSummary("A lead reported by t.js with the publishable key, from one of the program's allowed hostnames")
            // The publishable key is public: limit each visitor address like an API key.
            .RequireRateLimiting(RateLimitExtensions.PerApiKey);
        return app;
    }

    public static RouteGroupBuilder MapServerClicks(this RouteGroupBuilder api)
    {
        api.MapProgramGroup("/track").WithTags("Tracking").RequireAuthorization(Scopes.ConversionsWrite)
            .MapGet("/click", ServerClickAsync).WithName("TrackServerClick")
            .WithSummary("Record a click for a visitor who landed on the brand's site with ?via=<link code>");
        return api;
    }

    private static IResult Script(string? v, HttpResponse response, TrackingScript script)
    {
        // A versioned URL never changes content, so browsers and CDNs may keep it; the bare URL must stay fresh.
        response.Headers.CacheControl = v == script.Version ? "public, max-age=31536000, immutable" : "public, max-age=300";
        response.Headers.ETag = $"\"{script.Version}\"";
        return Results.Bytes(script.Content, "text/javascript; charset=utf-8");
    }

    private static async Task<Results<Ok<TrackResponse>, ProblemHttpResult>> BrowserLeadAsync(
        string programId, HttpRequest request, HttpResponse response, TrellisDbContext db, InboundRecorder inbound, TimeProvider time, CancellationToken ct)
    {
        var program = await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId, ct);
        if (program is null)
        {
            return ApiErrors.NotFound("programId", "program", programId);
        }

        // The publishable key is public, so the Origin check is what keeps other sites from using it;
        // browsers set Origin themselves and scripts cannot change it.
        string? origin = request.Headers.Origin;
        if (origin is null || !DestinationPolicy.TryAllow(origin, program.AllowedDomains, out _))
        {
            return ApiErrors.Problem(StatusCodes.Status403Forbidden, "Forbidden", "origin",
                "Leads with the publishable key are accepted only from pages on the program's allowed domains.");
        }

        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.Vary = HeaderNames.Origin;

        BrowserLeadRequest? lead;
        try
        {
            // t.js sends JSON as text/plain so that the request needs no CORS preflight.
            lead = await JsonSerializer.DeserializeAsync<BrowserLeadRequest>(request.Body, Json, ct);
        }
        catch (JsonException)
        {
            return ApiErrors.Invalid("body", "The body must be a JSON object.");
        }

        var key = await db.Set<ProgramIntegration>().AsNoTracking().Where(i => i.ProgramId == programId).Select(i => i.PublishableKey).FirstOrDefaultAsync(ct);
        if (!IntegrationSecrets.EqualsFixedTime(lead?.Key, key))
        {
            return ApiErrors.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "key", "Unknown publishable key for this program.");
        }

        if (string.IsNullOrWhiteSpace(lead!.CustomerId) || lead.CustomerId.Length > 200)
        {
            return ApiErrors.Invalid("customerId", "The brand's id for the customer (1 to 200 characters) is required.");
        }

        if (string.IsNullOrWhiteSpace(lead.EventId) || lead.EventId.Length > 150)
        {
            return ApiErrors.Invalid("eventId", "An event id (1 to 150 characters) is required.");
        }

        // Browser event ids live in their own namespace: a public key must not be able to claim an
        // event id the brand's backend will use later.
        var command = new TrackCommand(ConversionKind.Lead, $"{Source}:{lead.EventId}", time.GetUtcNow(),
            CustomerExternalId: lead.CustomerId, ClickId: lead.ClickId is { Length: <= 128 } clickId ? clickId : null,
            EventName: lead.EventName is { Length: <= 200 } name ? name : null,
            ClickIds: lead.ClickIds?.Where(id => id is { Length: <= 128 }).TakeLast(TrackApi.MaxClickIds).ToList());
        var outcome = await inbound.RecordAsync(program, command, null, ct);
        if (outcome.Error is not null)
        {
            return outcome.Error;
        }

        return TypedResults.Ok(new TrackResponse(outcome.ConversionId!, null, []));
    }

    private static async Task<Results<Ok<ServerClickResponse>, ProblemHttpResult>> ServerClickAsync(
        ProgramScope scope, string? url, string? ip, string? userAgent, string? referrer,
        LinkCache cache, Redirector redirector, TimeProvider time, CancellationToken ct)
    {
        var program = scope.Program;
        if (!DestinationPolicy.TryAllow(url, program.AllowedDomains, out var landing))
        {
            return ApiErrors.Invalid("url", "The landing page URL must be an absolute http(s) URL on one of the program's allowed domains.");
        }

        var query = QueryHelpers.ParseQuery(landing.Query);
        string? code = query.TryGetValue("via", out var via) ? via.ToString() : null;
        var link = string.IsNullOrEmpty(code) ? null : await cache.FindAsync(code, ct);
        if (link is null || link.ProgramId != program.Id)
        {
            return ApiErrors.Unprocessable("url", $"The landing URL has no ?via= code of an active link in this program.");
        }

        IPAddress? address = null;
        if (ip is not null && !IPAddress.TryParse(ip, out address))
        {
            return ApiErrors.Invalid("ip", $"'{ip}' is not an IP address.");
        }

        var clickId = redirector.Record(link, address, userAgent, referrer, isHead: false,
            Redirector.Tags(new Microsoft.AspNetCore.Http.QueryCollection(query), link.Defaults));
        return TypedResults.Ok(new ServerClickResponse(
            clickId, Ids.Format(Ids.Link, link.LinkGuid), link.EnrollmentId, time.GetUtcNow().AddDays(program.AttributionWindowDays)));
    }
}
