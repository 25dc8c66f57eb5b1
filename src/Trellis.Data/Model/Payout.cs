using Trellis.Core.Payouts;

namespace Trellis.Data.Model;

/// <summary>
/// The approved balance of one enrollment in one currency, settled in one payment. While it is pending or
/// processing its commissions carry its id (<see cref="CommissionEntry.PayoutId"/>), so no other payout can
/// take them; when it is paid a negative payout entry closes them in the ledger.
/// </summary>
public sealed class Payout : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string BatchId { get; init; }
    public required string EnrollmentId { get; init; }
    public required string Currency { get; init; }

    /// <summary>What is paid, in minor units: the sum of the entries it holds (positive).</summary>
    public long Amount { get; init; }

    public int EntryCount { get; init; }

    /// <summary>Also the concurrency token: two requests moving the same payout cannot both succeed.</summary>
    public PayoutStatus Status { get; set; }

    /// <summary>Why it failed or was canceled.</summary>
    public string? StatusReason { get; set; }

    /// <summary>The bank's or PayPal's id of the payment.</summary>
    public string? ExternalReference { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? ProcessingAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
}
