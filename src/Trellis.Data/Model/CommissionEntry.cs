using Trellis.Core.Commissions;

namespace Trellis.Data.Model;

/// <summary>
/// One entry of the append-only commission ledger. Amounts never change once written; only the status
/// moves forward (pending → approved → paid). A balance is the sum of entries.
/// </summary>
public sealed class CommissionEntry : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public string? ConversionId { get; init; }
    public string? RuleId { get; init; }

    /// <summary>For a reversal: the accrual it reverses.</summary>
    public string? ReversesId { get; init; }

    /// <summary>For a click accrual: the link whose clicks it pays.</summary>
    public string? LinkId { get; init; }

    /// <summary>
    /// Identity of a batch accrual (e.g. one link's clicks on one day), unique, so a batch is never
    /// paid twice even when two runs race.
    /// </summary>
    public string? BatchKey { get; init; }

    /// <summary>For an entry of a conversion: the enrollment's share of it, in basis points (out of 10000).</summary>
    public int? CreditBasisPoints { get; init; }

    /// <summary>For a conversion reported in another currency: its amount as reported, that currency and the rate used.</summary>
    public long? OriginalAmount { get; init; }

    public string? OriginalCurrency { get; init; }

    public decimal? ExchangeRate { get; init; }

    /// <summary>For an accrual under a tiered rule: the performance step applied (0 = the rule's own rate).</summary>
    public int? TierStep { get; init; }

    /// <summary>For a percent accrual: the rate applied, in basis points (the step's under a tiered rule).</summary>
    public int? RateBasisPoints { get; init; }

    /// <summary>
    /// For an accrual cut by a cap: the part not paid. <see cref="Amount"/> is what is paid, so ledger sums
    /// stay what was earned; the capped part is never a balance.
    /// </summary>
    public long? CappedAmount { get; init; }

    /// <summary>For a referral entry: the recruit's accrual it is a share of.</summary>
    public string? ReferralOfId { get; init; }

    public CommissionKind Kind { get; init; }
    public CommissionStatus Status { get; set; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the event that earned (or reversed) it happened: what reports group by.</summary>
    public DateTimeOffset EarnedAt { get; init; }

    /// <summary>End of the hold period: the maturation job approves the entry from then on.</summary>
    public DateTimeOffset MaturesAt { get; init; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>
    /// The payout holding this entry: set when a payout takes it (only if unset), cleared when that payout
    /// fails or is canceled, kept when it is paid. One column, so an entry is never in two payouts.
    /// </summary>
    public string? PayoutId { get; set; }

    /// <summary>For a bonus or clawback: why, as the acting user wrote it; for a hold or reversal: the text the partner sees.</summary>
    public string? Reason { get; set; }

    /// <summary>For a hold or reversal: a stable code for why (a fraud code, <c>refund</c>, <c>reviewRejected</c>).</summary>
    public string? ReasonCode { get; set; }

    /// <summary>For a bonus or clawback: the API key that made it, by id and by name.</summary>
    public string? ActorId { get; init; }

    public string? ActorName { get; init; }

    /// <summary>
    /// Approves a pending entry whose hold period is over: the maturation job's rule, applied at once to
    /// entries written for back-dated events.
    /// </summary>
    public CommissionEntry ApproveIfDue(DateTimeOffset now)
    {
        if (Status == CommissionStatus.Pending && MaturesAt <= now)
        {
            Status = CommissionStatus.Approved;
            ApprovedAt = now;
        }

        return this;
    }
}
