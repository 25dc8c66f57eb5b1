using System.ComponentModel.DataAnnotations;
using Trellis.Core.Fraud;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Fraud;

public enum ReviewDecision
{
    Approve,
    Reject,
}

public enum DisputeDecision
{
    Accept,
    Reject,
}

/// <summary>A manager's decision on a held conversion.</summary>
/// <param name="Decision">approve (releases the held commissions: pending, or approved when past their hold date) or reject (reverses them).</param>
/// <param name="Note">Why; on a rejection it is the reason the partner sees (default: the flags' text).</param>
public sealed record ReviewRequest([Required] ReviewDecision? Decision, [StringLength(2000)] string? Note = null);

/// <summary>A fraud check a conversion failed for one enrollment, with the text the partner sees.</summary>
public sealed record FraudFlagResponse(string EnrollmentId, FraudCode Code, string Text, DateTimeOffset CreatedAt)
{
    public static FraudFlagResponse From(FraudFlag f) => new(f.EnrollmentId, f.Code, f.Text, f.CreatedAt);
}

/// <summary>A held conversion in the review queue.</summary>
/// <param name="HeldAmount">What is on hold now, in the program's minor units (0 once resolved).</param>
public sealed record ReviewResponse(
    string Id, string ConversionId, ReviewStatus Status, IReadOnlyList<FraudFlagResponse> Flags, long HeldAmount, string Currency,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Note);

/// <summary>A partner's dispute of a hold or a reversal.</summary>
/// <param name="ConversionId">The conversion whose held or rejected commissions are disputed.</param>
/// <param name="Message">What the partner says.</param>
public sealed record CreateDisputeRequest(
    [Required, StringLength(40, MinimumLength = 1)] string ConversionId,
    [Required, StringLength(4000, MinimumLength = 1)] string Message);

public sealed record DisputeMessageRequest([Required, StringLength(4000, MinimumLength = 1)] string Message);

/// <summary>A manager's resolution of a dispute.</summary>
/// <param name="Decision">accept (releases the hold, or re-accrues what a rejection reversed) or reject.</param>
public sealed record ResolveDisputeRequest([Required] DisputeDecision? Decision, [Required, StringLength(4000, MinimumLength = 1)] string Message);

public sealed record DisputeMessageResponse(string Id, string Author, string? ActorName, string Text, string? Decision, DateTimeOffset CreatedAt);

public sealed record DisputeResponse(
    string Id, string EnrollmentId, string ConversionId, DisputeStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt,
    IReadOnlyList<DisputeMessageResponse> Messages);
