using Trellis.Core.Attribution;

namespace Trellis.Data.Model;

/// <summary>
/// A touchpoint that counted for a conversion and the credit the model gave it. A customer's touchpoints
/// are also its history: later conversions of the customer consider them again (inside their window).
/// </summary>
public sealed class ConversionTouchpoint : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string ConversionId { get; init; }
    public string? CustomerId { get; init; }
    public required string EnrollmentId { get; init; }

    /// <summary>The touchpoint's identity across conversions: the click id, or <c>coupon:CODE:conversion</c> for a coupon use.</summary>
    public required string Key { get; init; }

    public TouchpointKind Kind { get; init; }
    public string? ClickId { get; init; }
    public string? LinkId { get; init; }
    public string? CouponCode { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>Position in the conversion's touch history, oldest first.</summary>
    public int Position { get; init; }

    public int BasisPoints { get; init; }
}
