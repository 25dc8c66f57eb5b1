using System.Text.Json;
using System.Text.Json.Serialization;
using Trellis.Core;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Webhooks;

/// <summary>
/// Every webhook body: the Standard Webhooks envelope (<c>type</c>, <c>timestamp</c>, <c>data</c>) plus the
/// message id (equal to the <c>webhook-id</c> header), the payload version and the program.
/// </summary>
public sealed record WebhookEnvelope<T>(string Id, string Type, int Version, DateTimeOffset Timestamp, string ProgramId, T Data);

/// <summary><c>partner.applied</c> and <c>enrollment.approved</c>, version 1.</summary>
public sealed record EnrollmentPayload(
    string Id, string ProgramId, string PartnerId, string? PartnerName, string? PartnerEmail, PartnerType PartnerType,
    EnrollmentStatus Status, string? StatusReason, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt)
{
    public static EnrollmentPayload From(Enrollment e) =>
        new(e.Id, e.ProgramId, e.PartnerId, e.Partner?.Name, e.Partner?.Email, e.PartnerType, e.Status, e.StatusReason, e.CreatedAt, e.DecidedAt);
}

/// <summary><c>conversion.created</c>, version 1: a lead, a sale or a refund (with the sale it refunds).</summary>
public sealed record ConversionPayload(
    string Id, string EventId, ConversionKind Kind, long Amount, string Currency, string? CustomerId, string? CustomerExternalId,
    string? EnrollmentId, string? LinkId, string? ClickId, AttributionSource? AttributionSource, string? CouponCode,
    string? EventName, JsonElement? Metadata, string? SaleConversionId, DateTimeOffset OccurredAt, DateTimeOffset CreatedAt)
{
    public static ConversionPayload From(Conversion c, string? customerExternalId) =>
        new(c.Id, c.EventId, c.Kind, c.Amount, c.Currency, c.CustomerId, customerExternalId, c.EnrollmentId, c.LinkId, c.ClickId,
            c.AttributionSource, c.CouponCode, c.EventName,
            c.MetadataJson is null ? null : JsonDocument.Parse(c.MetadataJson).RootElement.Clone(),
            c.SaleConversionId, c.OccurredAt, c.CreatedAt);
}

/// <summary><c>commission.created</c> and <c>commission.reversed</c>, version 1: one ledger entry.</summary>
public sealed record CommissionPayload(
    string Id, string EnrollmentId, string? ConversionId, string? RuleId, string? ReversesId, string? LinkId, CommissionKind Kind,
    CommissionStatus Status, long Amount, string Currency, DateTimeOffset EarnedAt, DateTimeOffset MaturesAt, DateTimeOffset CreatedAt)
{
    public static CommissionPayload From(CommissionEntry c) =>
        new(c.Id, c.EnrollmentId, c.ConversionId, c.RuleId, c.ReversesId, c.LinkId, c.Kind, c.Status, c.Amount, c.Currency,
            c.EarnedAt, c.MaturesAt, c.CreatedAt);
}

/// <summary><c>payout.paid</c>, version 1: the payout, without the partner's account details.</summary>
public sealed record PayoutPayload(
    string Id, string BatchId, string EnrollmentId, string? PartnerId, long Amount, string Currency, int EntryCount, PayoutStatus Status,
    string? ExternalReference, DateTimeOffset? PaidAt, DateTimeOffset CreatedAt)
{
    public static PayoutPayload From(Payout p, string? partnerId) =>
        new(p.Id, p.BatchId, p.EnrollmentId, partnerId, p.Amount, p.Currency, p.EntryCount, p.Status, p.ExternalReference, p.PaidAt, p.CreatedAt);
}

public static class WebhookPayloads
{
    /// <summary>The API's own JSON conventions: camelCase, enums in kebab-case, nulls written out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    public static string Serialize<T>(WebhookEnvelope<T> envelope) => JsonSerializer.Serialize(envelope, Json);
}
