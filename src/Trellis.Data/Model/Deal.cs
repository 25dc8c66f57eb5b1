using Trellis.Core.Deals;

namespace Trellis.Data.Model;

/// <summary>A deal registration or lead a partner brought (from the portal, its key, or a manager on its behalf).</summary>
public sealed class Deal : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public DealKind Kind { get; init; }
    public required string Company { get; set; }

    /// <summary>The registrable domain (see <c>DomainName</c>): what conflicts compare.</summary>
    public required string Domain { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public long? Value { get; set; }
    public required string Currency { get; init; }
    public DateOnly? ExpectedCloseOn { get; set; }
    public string? Notes { get; set; }
    public DealStatus Status { get; set; }

    /// <summary>"partner" or "manager".</summary>
    public required string SubmittedBy { get; init; }
    public DateTimeOffset? ProtectedUntil { get; set; }

    /// <summary>The reason of a rejection, loss or resolution, as the manager wrote it.</summary>
    public string? DecisionNote { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public long? WonValue { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The <c>Deal</c> conversion recorded when the deal was won.</summary>
    public string? ConversionId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
