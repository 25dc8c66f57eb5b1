namespace Trellis.Data.Model;

/// <summary>A joint business plan: an enrollment's targets for a period. Progress is computed from the data, never stored.</summary>
public sealed class PartnerPlan : IEnrollmentOwned
{
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string EnrollmentId { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Revenue of won deals the partner sourced in the period, program currency, minor units.</summary>
    public long? TargetSourcedRevenue { get; set; }

    public int? TargetDealsWon { get; set; }
    public int? TargetCampaigns { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
