using Trellis.Core.Attribution;
using Trellis.Core.Commissions;

namespace Trellis.Data.Model;

/// <summary>What a program pays for which event.</summary>
public sealed class CommissionRule
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public CommissionEvent Event { get; init; }
    public CommissionType Type { get; init; }
    public long? Amount { get; init; }
    public int? BasisPoints { get; init; }
    public int? RecurringMonths { get; init; }

    /// <summary>Overrides the program's attribution model for the events this rule pays.</summary>
    public AttributionModel? AttributionModel { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public CommissionTerms Terms => new(Event, Type, Amount, BasisPoints, RecurringMonths);
}
