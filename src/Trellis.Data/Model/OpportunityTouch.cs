using Trellis.Core.Deals;

namespace Trellis.Data.Model;

/// <summary>A partner's part in an opportunity: influence, once approved.</summary>
public sealed class OpportunityTouch : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string OpportunityId { get; init; }
    public required string EnrollmentId { get; init; }
    public TouchKind Kind { get; init; }
    public TouchStatus Status { get; set; }
    public string? Note { get; set; }

    /// <summary>"partner" or "manager".</summary>
    public required string SubmittedBy { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
}
