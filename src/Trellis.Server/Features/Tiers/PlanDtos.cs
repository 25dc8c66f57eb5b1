using System.ComponentModel.DataAnnotations;
using Trellis.Core.Tiers;
using Trellis.Data.Model;

namespace Trellis.Server.Features.Tiers;

/// <summary>A joint business plan: an enrollment's targets for a period; at least one target.</summary>
/// <param name="TargetSourcedRevenue">Revenue of won deals the partner sources in the period, minor units.</param>
/// <param name="TargetCampaigns">Co-marketing campaigns run with the partner in the period.</param>
public sealed record PlanRequest(
    [Required] string EnrollmentId,
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    [Range(1, long.MaxValue)] long? TargetSourcedRevenue = null,
    [Range(1, int.MaxValue)] int? TargetDealsWon = null,
    [Range(1, int.MaxValue)] int? TargetCampaigns = null,
    [StringLength(4000)] string? Notes = null);

/// <summary>Changes a plan; fields left out keep their value.</summary>
public sealed record PlanUpdateRequest(
    [StringLength(200, MinimumLength = 1)] string? Name = null,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    [Range(1, long.MaxValue)] long? TargetSourcedRevenue = null,
    [Range(1, int.MaxValue)] int? TargetDealsWon = null,
    [Range(1, int.MaxValue)] int? TargetCampaigns = null,
    [StringLength(4000)] string? Notes = null);

/// <summary>Progress towards one target, computed from the data at the time of the request.</summary>
/// <param name="Percent">Actual as a percentage of the target (one decimal, may pass 100).</param>
/// <param name="Expected">Percentage due by now if progress were even over the period.</param>
/// <param name="OnTrack">The target is reached, or actual is at least the share time elapsed asks for.</param>
public sealed record TargetResponse(string Target, long Goal, long Actual, double Percent, double Expected, bool OnTrack)
{
    public static TargetResponse From(string target, TargetProgress p) => new(target, p.Target, p.Actual, p.Percent, p.Expected, p.OnTrack);
}

/// <param name="Elapsed">Percentage of the period gone.</param>
/// <param name="OnTrack">Every target is on track.</param>
public sealed record PlanResponse(
    string Id, string EnrollmentId, string? PartnerName, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Currency,
    double Elapsed, bool OnTrack, IReadOnlyList<TargetResponse> Targets, string? Notes, DateTimeOffset CreatedAt)
{
    public static PlanResponse From(PartnerPlan p, string? partnerName, string currency, double elapsed, IReadOnlyList<TargetResponse> targets) =>
        new(p.Id, p.EnrollmentId, partnerName, p.Name, p.StartsAt, p.EndsAt, currency, Math.Round(elapsed * 100, 1, MidpointRounding.AwayFromZero),
            targets.All(t => t.OnTrack), targets, p.Notes, p.CreatedAt);
}
