using Trellis.Core.Payouts;

namespace Trellis.Data.Model;

/// <summary>One payout run of a program: the payouts it created are exported and sent together.</summary>
public sealed class PayoutBatch
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public PayoutTrigger Trigger { get; init; }

    /// <summary>For a scheduled run, its period (e.g. <c>weekly:2026-03-02</c>): unique per program, so a period runs once across nodes.</summary>
    public string? ScheduleKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public List<Payout> Payouts { get; init; } = [];
}
