using System.ComponentModel.DataAnnotations;
using Trellis.Core.CoMarketing;
using Trellis.Data.Model;

namespace Trellis.Server.Features.CoMarketing;

/// <summary>A partner's request for market development funds, in minor units of the program's currency.</summary>
/// <param name="EnrollmentId">The enrollment asking (a partner key: one of its own).</param>
/// <param name="CampaignId">The campaign the activity is for, if any (a partner key: one it is in).</param>
public sealed record CreateFundRequest(
    [Required] string EnrollmentId,
    [Required, StringLength(2000, MinimumLength = 1)] string Description,
    [Range(1, long.MaxValue)] long Amount,
    string? CampaignId = null);

/// <summary>The amount a manager grants (at most the amount requested).</summary>
public sealed record ApproveFundRequest([Range(1, long.MaxValue)] long Amount);

/// <summary>Why a request or a claim is turned down; the partner sees it.</summary>
public sealed record RejectFundRequest([Required, StringLength(2000, MinimumLength = 1)] string Reason);

/// <summary>What the activity actually cost and the proof of it (receipts, invoices, screenshots) as URLs.</summary>
public sealed record ClaimFundRequest(
    [Range(0, long.MaxValue)] long ActualCost,
    [Required, MinLength(1), MaxLength(10)] List<string> ProofUrls);

/// <summary>The payment's reference (bank transfer id), if any.</summary>
public sealed record PayFundRequest([StringLength(200)] string? Reference = null);

public sealed record FundRequestResponse(
    string Id,
    string ProgramId,
    string EnrollmentId,
    string? CampaignId,
    string Description,
    string Currency,
    long RequestedAmount,
    FundStatus Status,
    long? ApprovedAmount,
    long? ActualCost,
    IReadOnlyList<string> ProofUrls,
    long? PaidAmount,
    string? Reason,
    string? PaymentReference,
    string? LedgerEntryId,
    string? DecidedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? ClaimDecidedAt,
    DateTimeOffset? PaidAt)
{
    public static FundRequestResponse From(FundRequest f, bool showActor) =>
        new(f.Id, f.ProgramId, f.EnrollmentId, f.CampaignId, f.Description, f.Currency, f.RequestedAmount, f.Status, f.ApprovedAmount, f.ActualCost,
            f.ProofUrls, f.PaidAmount, f.Reason, f.PaymentReference, f.CommissionEntryId, showActor ? f.DecidedBy : null,
            f.RequestedAt, f.DecidedAt, f.ClaimedAt, f.ClaimDecidedAt, f.PaidAt);
}
