using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Money;
using Trellis.Core.Potential;
using Trellis.Data.Model;
using Trellis.Server.Features.CommissionRules;
using Trellis.Server.Features.ExchangeRates;
using Trellis.Server.Infrastructure;
using Trellis.Server.Infrastructure.Auth;
using Trellis.Server.Infrastructure.Tenancy;

namespace Trellis.Server.Features.Conversions;

public static class TrackApi
{
    private const int MaxMetadataLength = 4096;
    public const int MaxClickIds = 10;
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddConversions(this IServiceCollection services)
    {
        // The contract spells attribution models in camelCase (lastClick), unlike the API's other enums.
        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Insert(0, new JsonStringEnumConverter<AttributionModel>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        return services.AddScoped<ConversionRecorder>().AddScoped<RuleEngine>().AddScoped<ReferralShares>().AddScoped<TouchpointGatherer>().AddScoped<RateLookup>();
    }

    public static RouteGroupBuilder MapTrack(this RouteGroupBuilder api)
    {
        var group = api.MapProgramGroup("/track").WithTags("Tracking").RequireAuthorization(Scopes.ConversionsWrite);
        group.MapPost("/lead", LeadAsync).WithName("TrackLead").WithSummary("Report a lead");
        group.MapPost("/sale", SaleAsync).WithName("TrackSale").WithSummary("Report a sale");
        group.MapPost("/refund", RefundAsync).WithName("TrackRefund").WithSummary("Report a refund of a sale");
        return api.MapConversionExplanation();
    }

    private static Task<Results<Ok<TrackResponse>, ProblemHttpResult>> LeadAsync(
        ProgramScope scope, TrackLeadRequest request, HttpResponse response, ConversionRecorder recorder, TimeProvider time, CancellationToken ct) =>
        CustomerError(request.CustomerCountry, request.CustomerSegment, request.CustomerDomain) is { } error ? Task.FromResult<Results<Ok<TrackResponse>, ProblemHttpResult>>(error) :
        RecordAsync(scope.Program, request.OccurredAt, request.Metadata, null, response, recorder, time, ct, (occurredAt, metadata) =>
            new TrackCommand(ConversionKind.Lead, request.EventId, occurredAt,
                CustomerExternalId: request.CustomerExternalId, ClickId: request.ClickId, CouponCode: request.CouponCode,
                EventName: request.EventName, MetadataJson: metadata, ClickIds: request.ClickIds,
                CustomerCountry: CountryCodes.Normalize(request.CustomerCountry), ProductId: request.ProductId,
                CustomerEmail: request.CustomerEmail, CustomerSegment: CustomerFacts.Segment(request.CustomerSegment),
                CustomerDomain: CustomerFacts.Domain(request.CustomerDomain, request.CustomerEmail)));

    private static Task<Results<Ok<TrackResponse>, ProblemHttpResult>> SaleAsync(
        ProgramScope scope, TrackSaleRequest request, HttpResponse response, ConversionRecorder recorder, TimeProvider time, CancellationToken ct) =>
        CustomerError(request.CustomerCountry, request.CustomerSegment, request.CustomerDomain) is { } error ? Task.FromResult<Results<Ok<TrackResponse>, ProblemHttpResult>>(error) :
        RecordAsync(scope.Program, request.OccurredAt, request.Metadata, request.Currency, response, recorder, time, ct, (occurredAt, metadata) =>
            new TrackCommand(ConversionKind.Sale, request.EventId, occurredAt, request.Amount,
                CustomerExternalId: request.CustomerExternalId, ClickId: request.ClickId, CouponCode: request.CouponCode,
                MetadataJson: metadata, ClickIds: request.ClickIds, Currency: request.Currency,
                CustomerCountry: CountryCodes.Normalize(request.CustomerCountry), ProductId: request.ProductId,
                CustomerEmail: request.CustomerEmail, CustomerSegment: CustomerFacts.Segment(request.CustomerSegment),
                CustomerDomain: CustomerFacts.Domain(request.CustomerDomain, request.CustomerEmail)));

    private static Task<Results<Ok<TrackResponse>, ProblemHttpResult>> RefundAsync(
        ProgramScope scope, TrackRefundRequest request, HttpResponse response, ConversionRecorder recorder, TimeProvider time, CancellationToken ct) =>
        RecordAsync(scope.Program, request.OccurredAt, null, request.Currency, response, recorder, time, ct, (occurredAt, _) =>
            new TrackCommand(ConversionKind.Refund, request.EventId, occurredAt, request.Amount, SaleEventId: request.SaleEventId, Currency: request.Currency));

    /// <summary>What the brand says about the customer (all optional) must be well formed; each problem names its field.</summary>
    private static ProblemHttpResult? CustomerError(string? country, string? segment, string? domain)
    {
        if (country is not null && CountryCodes.Normalize(country) is null)
        {
            return ApiErrors.Invalid("customerCountry", $"'{country}' is not an ISO 3166 alpha-2 country code (e.g. US, DE).");
        }

        if (!string.IsNullOrWhiteSpace(segment) && CustomerFacts.Segment(segment) is null)
        {
            return ApiErrors.Invalid("customerSegment",
                $"A segment is a short label of letters, digits, '-', '.' or '_' (at most {CustomerFacts.MaxSegmentLength} characters), e.g. smb or enterprise.");
        }

        if (!string.IsNullOrWhiteSpace(domain) && CustomerFacts.Domain(domain, null) is null)
        {
            return ApiErrors.Invalid("customerDomain", $"'{domain}' is not a domain name under a public suffix (e.g. example.com).");
        }

        return null;
    }

    /// <summary>The checks every track call shares, then the recorder.</summary>
    private static async Task<Results<Ok<TrackResponse>, ProblemHttpResult>> RecordAsync(
        PartnerProgram program, DateTimeOffset? occurredAt, Dictionary<string, JsonElement>? metadata, string? currency,
        HttpResponse response, ConversionRecorder recorder, TimeProvider time, CancellationToken ct,
        Func<DateTimeOffset, string?, TrackCommand> command)
    {
        // Another currency than the program's is converted by the recorder (or refused when no rate exists).
        if (currency is not null && !Currency.IsKnown(currency))
        {
            return ApiErrors.Invalid("currency", $"'{currency}' is not an ISO 4217 currency code (upper case, e.g. USD).");
        }

        var now = time.GetUtcNow();
        var at = occurredAt?.ToUniversalTime() ?? now;
        if (at > now + FutureTolerance)
        {
            return ApiErrors.Invalid("occurredAt", "The event cannot be in the future.");
        }

        var metadataJson = metadata is null ? null : JsonSerializer.Serialize(metadata);
        if (metadataJson?.Length > MaxMetadataLength)
        {
            return ApiErrors.Invalid("metadata", $"Metadata is limited to {MaxMetadataLength} characters of JSON.");
        }

        var outcome = await recorder.RecordAsync(program, command(at, metadataJson), ct);
        if (outcome.Error is not null)
        {
            return outcome.Error;
        }

        if (outcome.Replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
        }

        return TypedResults.Ok(outcome.Response);
    }
}
