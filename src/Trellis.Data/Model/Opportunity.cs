using Trellis.Core.Deals;

namespace Trellis.Data.Model;

/// <summary>An opportunity of the company's own sales pipeline.</summary>
public sealed class Opportunity
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string Name { get; set; }
    public required string Domain { get; set; }
    public long Value { get; set; }
    public required string Currency { get; set; }

    /// <summary>The sales stage as the CRM names it (free text, e.g. "discovery").</summary>
    public string? Stage { get; set; }
    public string? Owner { get; set; }
    public OpportunityStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
