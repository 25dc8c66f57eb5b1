namespace Trellis.Data.Model;

/// <summary>An enrollment's share of a conversion, in basis points; a conversion's shares sum to 10000.</summary>
public sealed class ConversionCredit : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string ConversionId { get; init; }
    public required string EnrollmentId { get; init; }
    public int BasisPoints { get; init; }
}
