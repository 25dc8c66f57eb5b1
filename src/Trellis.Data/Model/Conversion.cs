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

    /// <summary>For a refund: the sale it refunds.</summary>
    public string? SaleConversionId { get; init; }

    /// <summary>For a sale: how much of it has been refunded so far (a concurrency token).</summary>
    public long RefundedAmount { get; set; }

    public string? EventName { get; init; }
    public string? MetadataJson { get; init; }
    public string? CouponCode { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
