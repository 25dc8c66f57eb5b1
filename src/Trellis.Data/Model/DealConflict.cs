using Trellis.Core.Deals;

namespace Trellis.Data.Model;

/// <summary>One reason a submission conflicts, explained for the manager (partners never see these).</summary>
public sealed class DealConflict
{
    public required string Id { get; init; }
    public required string DealId { get; init; }
    public DealConflictKind Kind { get; init; }

    /// <summary>The other deal, company account or opportunity.</summary>
    public required string OtherId { get; init; }
    public required string Explanation { get; init; }
}
