using System.ComponentModel.DataAnnotations;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Payouts;

/// <summary>Creates payouts for every enrollment whose approved balance is due, or for the one named.</summary>
/// <param name="EnrollmentId">Only this enrollment; answers 422 when its balance is not due.</param>
public sealed record CreatePayoutsRequest(string? EnrollmentId = null);

/// <summary>Marks a processing payout paid.</summary>
/// <param name="Reference">The bank's or PayPal's id of the payment.</param>
/// <param name="PaidAt">When the money went out (default: now); may not be in the future.</param>
public sealed record MarkPaidRequest([Required, StringLength(200, MinimumLength = 1)] string Reference, DateTimeOffset? PaidAt = null);

/// <summary>Why a payout failed (required) or is canceled (optional); the partner sees it.</summary>
public sealed record PayoutReasonRequest([StringLength(1000)] string? Reason = null);

/// <summary>A manual ledger entry: a bonus adds to the enrollment's balance, a clawback takes from it.</summary>
/// <param name="Amount">Positive, in minor units of the program's currency; a clawback is booked negative.</param>
/// <param name="Reason">Why; the partner sees it.</param>
public sealed record AdjustmentRequest(
    [Required] string EnrollmentId,
    AdjustmentKind Kind,
    [Range(1, long.MaxValue)] long Amount,
    [Required, StringLength(1000, MinimumLength = 1)] string Reason);

public enum AdjustmentKind
{
    Bonus,
    Clawback,
}

public record PayoutResponse(
    string Id,
    string BatchId,
    string EnrollmentId,
    string? PartnerId,
    string? PartnerName,
    string Currency,
    long Amount,
    int EntryCount,
    PayoutStatus Status,
    string? StatusReason,
    string? ExternalReference,
    string? Method,
    string? Account,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ProcessingAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? FailedAt,
    DateTimeOffset? CanceledAt)
{
    /// <param name="partner">The enrollment's partner, when loaded.</param>
    /// <param name="details">The partner's payout details: shown masked.</param>
    public static PayoutResponse From(Payout p, Partner? partner, PartnerPayoutDetails? details) =>
        new(p.Id, p.BatchId, p.EnrollmentId, partner?.Id, partner?.Name, p.Currency, p.Amount, p.EntryCount, p.Status, p.StatusReason,
            p.ExternalReference, details is null ? null : PayoutMethods.Name(details.Method), details?.MaskedAccount,
            p.CreatedAt, p.ProcessingAt, p.PaidAt, p.FailedAt, p.CanceledAt);
}

/// <summary>A payout and the ledger entries it holds (none once it failed or was canceled: they went back to the balance).</summary>
public sealed record PayoutDetailResponse : PayoutResponse
{
    public PayoutDetailResponse(PayoutResponse payout, IReadOnlyList<LedgerEntryResponse> entries)
        : base(payout)
    {
        Entries = entries;
    }

    public IReadOnlyList<LedgerEntryResponse> Entries { get; init; }
}

/// <summary>One payout run. <c>id</c> is null when nothing was due and no batch was made.</summary>
public sealed record PayoutBatchResponse(
    string? Id, PayoutTrigger? Trigger, string? ScheduleKey, DateTimeOffset? CreatedAt, long Total, IReadOnlyList<PayoutResponse> Payouts);

/// <summary>A ledger entry as the ledger report and payouts show it.</summary>
/// <param name="CreatedAt">When it was booked: the ledger report counts it in the period holding this time.</param>
/// <param name="ActorName">For adjustments and payouts, the API key that made them (team keys only).</param>
public sealed record LedgerEntryResponse(
    string Id,
    string EnrollmentId,
    CommissionKind Kind,
    CommissionStatus Status,
    long Amount,
    string Currency,
    string? ConversionId,
    string? ReversesId,
    string? PayoutId,
    string? Reason,
    string? ActorId,
    string? ActorName,
    DateTimeOffset EarnedAt,
    DateTimeOffset CreatedAt)
{
    public static LedgerEntryResponse From(CommissionEntry c, bool showActor) =>
        new(c.Id, c.EnrollmentId, c.Kind, c.Status, c.Amount, c.Currency, c.ConversionId, c.ReversesId, c.PayoutId, c.Reason,
            showActor ? c.ActorId : null, showActor ? c.ActorName : null, c.EarnedAt, c.CreatedAt);
}
