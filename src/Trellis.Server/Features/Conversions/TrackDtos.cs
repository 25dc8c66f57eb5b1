using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;

namespace Trellis.Server.Features.Conversions;

/// <summary>A lead (sign-up, trial, form) reported by the brand.</summary>
/// <param name="EventId">The brand's unique id for this event: sending it again returns the first answer and creates nothing.</param>
/// <param name="CustomerExternalId">The brand's id for the customer.</param>
/// <param name="ClickId">The tclid the visitor arrived with, if known.</param>
/// <param name="CouponCode">A coupon code used, if any.</param>
/// <param name="OccurredAt">When it happened (default: now); may not be in the future.</param>
public sealed record TrackLeadRequest(
    [Required, StringLength(200, MinimumLength = 1)] string EventId,
    [Required, StringLength(200, MinimumLength = 1)] string CustomerExternalId,
    [StringLength(128)] string? ClickId = null,
    [StringLength(64)] string? CouponCode = null,
    [StringLength(200)] string? EventName = null,
    Dictionary<string, JsonElement>? Metadata = null,
    DateTimeOffset? OccurredAt = null);

/// <summary>A sale reported by the brand, in minor units of the program's currency.</summary>
public sealed record TrackSaleRequest(
    [Required, StringLength(200, MinimumLength = 1)] string EventId,
    [Required, StringLength(200, MinimumLength = 1)] string CustomerExternalId,
    [Range(1, long.MaxValue)] long Amount,
    [Required, StringLength(3, MinimumLength = 3)] string Currency,
    [StringLength(128)] string? ClickId = null,
    [StringLength(64)] string? CouponCode = null,
    Dictionary<string, JsonElement>? Metadata = null,
    DateTimeOffset? OccurredAt = null);

/// <summary>A refund of (part of) an earlier sale; its commissions are reversed in proportion.</summary>
/// <param name="SaleEventId">The eventId of the sale being refunded.</param>
/// <param name="Amount">Refunded amount in minor units; all refunds of a sale together may not exceed it.</param>
public sealed record TrackRefundRequest(
    [Required, StringLength(200, MinimumLength = 1)] string EventId,
    [Required, StringLength(200, MinimumLength = 1)] string SaleEventId,
    [Range(1, long.MaxValue)] long Amount,
    DateTimeOffset? OccurredAt = null);

/// <summary>Who a conversion was credited to and through what.</summary>
public sealed record AttributionResponse(string EnrollmentId, string? LinkId, string? ClickId, AttributionSource Source);

public sealed record CommissionSummary(string Id, string EnrollmentId, long Amount, string Currency, CommissionStatus Status);

/// <summary>The answer to every track call; a replayed eventId returns the first answer again.</summary>
public sealed record TrackResponse(string ConversionId, AttributionResponse? Attribution, IReadOnlyList<CommissionSummary> Commissions);
