using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Trellis.Core.Attribution;
using Trellis.Core.Commissions;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Conversions;

/// <summary>A lead (sign-up, trial, form) reported by the brand.</summary>
/// <param name="EventId">The brand's unique id for this event: sending it again returns the first answer and creates nothing.</param>
/// <param name="CustomerExternalId">The brand's id for the customer.</param>
/// <param name="ClickId">The tclid the visitor arrived with, if known.</param>
/// <param name="CouponCode">A coupon code used, if any.</param>
/// <param name="OccurredAt">When it happened (default: now); may not be in the future. Windows, rates and recurring periods use it.</param>
/// <param name="ClickIds">The visitor's touch history (click ids), oldest first, at most 10; clickId alone is a history of one.</param>
/// <param name="CustomerCountry">The customer's country (ISO 3166 alpha-2), for rules that target countries and for reach; the first one reported is kept.</param>
/// <param name="ProductId">The product bought, for rules that target a product.</param>
/// <param name="CustomerEmail">The customer's email, used for the self-referral check and, unless it is a public mail provider's, for the customer's company domain: the address itself is never stored nor shown.</param>
/// <param name="CustomerSegment">A short label of your own for the customer (e.g. smb, enterprise), for reach; stored lower case.</param>
/// <param name="CustomerDomain">The customer's company domain (any URL or host; stored as the registrable domain), for reach and target accounts.</param>
public sealed record TrackLeadRequest(
    [Required, StringLength(200, MinimumLength = 1)] string EventId,
    [Required, StringLength(200, MinimumLength = 1)] string CustomerExternalId,
    [StringLength(128)] string? ClickId = null,
    [StringLength(64)] string? CouponCode = null,
    [StringLength(200)] string? EventName = null,
    Dictionary<string, JsonElement>? Metadata = null,
    DateTimeOffset? OccurredAt = null,
    [MaxLength(TrackApi.MaxClickIds)] List<string>? ClickIds = null,
    [RegularExpression("^[A-Za-z]{2}$")] string? CustomerCountry = null,
    [StringLength(200)] string? ProductId = null,
    [EmailAddress, StringLength(320)] string? CustomerEmail = null,
    [StringLength(64)] string? CustomerSegment = null,
    [StringLength(253)] string? CustomerDomain = null);

/// <summary>A sale reported by the brand, in minor units of its currency (converted to the program's when it differs).</summary>
/// <param name="Currency">ISO 4217 code of the amount; another than the program's is converted at the rate valid at occurredAt.</param>
/// <param name="ClickIds">The visitor's touch history (click ids), oldest first, at most 10; clickId alone is a history of one.</param>
/// <param name="CustomerCountry">The customer's country (ISO 3166 alpha-2), for rules that target countries and for reach; the first one reported is kept.</param>
/// <param name="ProductId">The product bought, for rules that target a product.</param>
/// <param name="CustomerEmail">The customer's email, used for the self-referral check and, unless it is a public mail provider's, for the customer's company domain: the address itself is never stored nor shown.</param>
/// <param name="CustomerSegment">A short label of your own for the customer (e.g. smb, enterprise), for reach; stored lower case.</param>
/// <param name="CustomerDomain">The customer's company domain (any URL or host; stored as the registrable domain), for reach and target accounts.</param>
public sealed record TrackSaleRequest(
    [Required, StringLength(200, MinimumLength = 1)] string EventId,
    [Required, StringLength(200, MinimumLength = 1)] string CustomerExternalId,
    [Range(1, long.MaxValue)] long Amount,
    [Required, StringLength(3, MinimumLength = 3)] string Currency,
    [StringLength(128)] string? ClickId = null,
    [StringLength(64)] string? CouponCode = null,
    Dictionary<string, JsonElement>? Metadata = null,
    DateTimeOffset? OccurredAt = null,
    [MaxLength(TrackApi.MaxClickIds)] List<string>? ClickIds = null,
    [RegularExpression("^[A-Za-z]{2}$")] string? CustomerCountry = null,
    [StringLength(200)] string? ProductId = null,
    [EmailAddress, StringLength(320)] string? CustomerEmail = null,
    [StringLength(64)] string? CustomerSegment = null,
    [StringLength(253)] string? CustomerDomain = null);

/// <summary>A refund of (part of) an earlier sale; its commissions are reversed in proportion.</summary>
/// <param name="SaleEventId">The eventId of the sale being refunded.</param>
/// <param name="Amount">Refunded amount in minor units of the sale's currency as reported; all refunds of a sale together may not exceed it.</param>
/// <param name="Currency">Optional: the sale's currency as reported (anything else is refused).</param>
public sealed record TrackRefundRequest(
    [Required, StringLength(200, MinimumLength = 1)] string EventId,
    [Required, StringLength(200, MinimumLength = 1)] string SaleEventId,
    [Range(1, long.MaxValue)] long Amount,
    DateTimeOffset? OccurredAt = null,
    [StringLength(3, MinimumLength = 3)] string? Currency = null);

/// <summary>Who a conversion was (mainly) credited to and through what: the enrollment with the most credit.</summary>
public sealed record AttributionResponse(string EnrollmentId, string? LinkId, string? ClickId, AttributionSource Source);

/// <summary>One ledger entry a conversion wrote.</summary>
/// <param name="CreditBasisPoints">The enrollment's share of the conversion, out of 10000.</param>
/// <param name="OriginalAmount">For an event reported in another currency: its amount as reported, in minor units of originalCurrency.</param>
/// <param name="Rate">Units of the program's currency per unit of originalCurrency (decimal string).</param>
/// <param name="Kind">accrual, reversal, or referral (a recruiter's share of a recruit's accrual).</param>
/// <param name="TierStep">Under a tiered rule: the performance step applied (0 = the rule's own rate).</param>
/// <param name="RateBasisPoints">For a percent rule: the rate applied.</param>
/// <param name="CappedAmount">What a cap cut off (not paid; amount is what is paid).</param>
public sealed record CommissionSummary(
    string Id, string EnrollmentId, long Amount, string Currency, CommissionStatus Status,
    string? RuleId, int? CreditBasisPoints, long? OriginalAmount, string? OriginalCurrency, string? Rate,
    CommissionKind Kind = CommissionKind.Accrual, int? TierStep = null, int? RateBasisPoints = null, long? CappedAmount = null)
{
    public static CommissionSummary From(CommissionEntry e) =>
        new(e.Id, e.EnrollmentId, e.Amount, e.Currency, e.Status, e.RuleId, e.CreditBasisPoints,
            e.OriginalAmount, e.OriginalCurrency, FormatRate(e.ExchangeRate), e.Kind, e.TierStep, e.RateBasisPoints, e.CappedAmount);

    public static string? FormatRate(decimal? rate) => rate?.ToString("0.####################", CultureInfo.InvariantCulture);
}

/// <summary>The answer to every track call; a replayed eventId returns the first answer again.</summary>
public sealed record TrackResponse(string ConversionId, AttributionResponse? Attribution, IReadOnlyList<CommissionSummary> Commissions);
