using Trellis.Core;
using Trellis.Core.Attribution;

namespace Trellis.Data.Model;

/// <summary>A lead, a sale or a refund, recorded once per (program, event id).</summary>
public sealed class Conversion : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EventId { get; init; }
    public ConversionKind Kind { get; init; }
    public string? CustomerId { get; init; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public string? EnrollmentId { get; init; }
    public AttributionSource? AttributionSource { get; init; }
    public string? LinkId { get; init; }
    public string? ClickId { get; init; }

    /// <summary>The model that split this conversion's credit (see its <see cref="ConversionCredit"/> rows).</summary>
    public AttributionModel? AttributionModel { get; init; }

    /// <summary>The half-life the time-decay model used, in days.</summary>
    public double? AttributionHalfLifeDays { get; init; }

    /// <summary>For an event reported in another currency: the amount as reported (<see cref="Amount"/> is converted).</summary>
    public long? OriginalAmount { get; init; }

    public string? OriginalCurrency { get; init; }

    /// <summary>Units of <see cref="Currency"/> per unit of <see cref="OriginalCurrency"/> that converted it.</summary>
    public decimal? ExchangeRate { get; init; }

    /// <summary>For a refund: the sale it refunds.</summary>
    public string? SaleConversionId { get; init; }

    /// <summary>
    /// For a sale: how much of it has been refunded so far, in the currency it was reported in
    /// (<see cref="ReportedAmount"/>); a concurrency token.
    /// </summary>
    public long RefundedAmount { get; set; }

    public string? EventName { get; init; }
    public string? MetadataJson { get; init; }
    public string? CouponCode { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The amount in the currency the brand reported it in: what refunds are counted against.</summary>
    public long ReportedAmount => OriginalAmount ?? Amount;

    public string ReportedCurrency => OriginalCurrency ?? Currency;
}
