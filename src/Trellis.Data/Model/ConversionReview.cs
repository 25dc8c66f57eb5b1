using Trellis.Core.Fraud;

namespace Trellis.Data.Model;

/// <summary>The review of a conversion whose commissions a fraud flag put on hold; one per conversion.</summary>
public sealed class ConversionReview
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string ConversionId { get; init; }
    public ReviewStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The key that approved or rejected, by id and name, and the note it gave.</summary>
    public string? ActorId { get; set; }

    public string? ActorName { get; set; }
    public string? Note { get; set; }
}
