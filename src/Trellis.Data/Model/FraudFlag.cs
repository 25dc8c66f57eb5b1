using Trellis.Core.Fraud;

namespace Trellis.Data.Model;

/// <summary>One fraud check a conversion failed for one credited enrollment: its commissions are held.</summary>
public sealed class FraudFlag : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string ConversionId { get; init; }
    public required string EnrollmentId { get; init; }
    public FraudCode Code { get; init; }

    /// <summary>What the partner sees: the rule and the figures that tripped it, never the customer's data.</summary>
    public required string Text { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
