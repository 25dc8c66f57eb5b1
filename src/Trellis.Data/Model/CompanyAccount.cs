using Trellis.Core.Deals;

namespace Trellis.Data.Model;

/// <summary>A company the brand knows (customer, opportunity or prospect), by registrable domain, per program.</summary>
public sealed class CompanyAccount
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string Domain { get; init; }
    public required string Name { get; set; }
    public AccountStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
