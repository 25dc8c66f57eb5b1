namespace Trellis.Data.Model;

/// <summary>
/// An enrollment's place in the tiers: the tier it holds, when that tier's criteria first failed (the
/// grace period runs from there), and whether a manager pinned it (the evaluation then leaves it alone).
/// The tier's name is copied to <see cref="Enrollment.Tier"/> so commission rules match it.
/// </summary>
public sealed class EnrollmentTier : IEnrollmentOwned
{
    public required string EnrollmentId { get; init; }
    public required string ProgramId { get; init; }
    public string? TierId { get; set; }
    public DateTimeOffset? FailingSince { get; set; }
    public bool Pinned { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public DateTimeOffset? EvaluatedAt { get; set; }
}
