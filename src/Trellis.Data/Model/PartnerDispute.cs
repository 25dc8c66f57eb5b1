using Trellis.Core.Fraud;

namespace Trellis.Data.Model;

/// <summary>A partner's objection to a hold or reversal of its commissions on one conversion.</summary>
public sealed class PartnerDispute : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public required string ConversionId { get; init; }
    public DisputeStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
