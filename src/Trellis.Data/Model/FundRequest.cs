using Trellis.Core.CoMarketing;

namespace Trellis.Data.Model;

/// <summary>
/// A partner's request for market development funds, its claim and payment. Amounts are minor units of
/// <see cref="Currency"/> (the program's). Paying books a <c>Mdf</c> ledger entry (<see cref="CommissionEntryId"/>).
/// </summary>
public sealed class FundRequest : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public string? CampaignId { get; init; }
    public required string Description { get; init; }
    public required string Currency { get; init; }
    public long RequestedAmount { get; init; }
    public FundStatus Status { get; set; }
    public long? ApprovedAmount { get; set; }

    /// <summary>The actual cost the partner claims.</summary>
    public long? ActualCost { get; set; }

    public List<string> ProofUrls { get; set; } = [];

    /// <summary>What is (or was) paid: min(approved, actual cost), set when the claim is approved.</summary>
    public long? PaidAmount { get; set; }

    /// <summary>Why the request or the claim was rejected; the partner sees it.</summary>
    public string? Reason { get; set; }

    public string? PaymentReference { get; set; }
    public string? CommissionEntryId { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? ClaimDecidedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
}
