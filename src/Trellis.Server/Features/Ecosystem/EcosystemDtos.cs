using Trellis.Server.Features.Potential;
using Trellis.Core;
using Trellis.Core.Ecosystem;
using Trellis.Server.Features.Tiers;

namespace Trellis.Server.Features.Ecosystem;

/// <summary>The length of one point of the series; buckets follow the UTC calendar (weeks start on Monday).</summary>
public enum EcosystemInterval
{
    Week,
    Month,
    Quarter,
}

/// <summary>
/// The leadership view of a program over [<paramref name="From"/>, <paramref name="To"/>). Money is in minor
/// units of <paramref name="Currency"/> (the program's: deals and opportunities are recorded in it).
/// </summary>
/// <param name="Reach">Countries and segments first reached via partners, as they stood at the end of the period (the reach API's view).</param>
public sealed record EcosystemResponse(
    string ProgramId, string Currency, DateTimeOffset From, DateTimeOffset To, EcosystemInterval Interval,
    EcosystemTotals Totals, IReadOnlyList<EcosystemPoint> Series, EcosystemWinRates WinRate, EcosystemTopPartners TopPartners,
    IReadOnlyList<PartnerHealthRow> Health, ReachResponse Reach);

/// <summary>
/// The figures of one interval. Sourced pipeline: accepted deals (approved, in progress, won; the won value once
/// won) registered in it; influenced pipeline: open and won opportunities with an influencing partner touch opened
/// in it; sourced and influenced revenue: the won ones closed in it; won deals: partner deals won in it.
/// </summary>
public sealed record EcosystemPoint(
    DateTimeOffset Start, DateTimeOffset End, long SourcedPipeline, long InfluencedPipeline, long SourcedRevenue, long InfluencedRevenue, int WonDeals);

/// <param name="CoSellInfluence">Share of the value of opportunities won in the period with at least one approved partner touch.</param>
public sealed record EcosystemTotals(
    long SourcedPipeline, long InfluencedPipeline, long SourcedRevenue, long InfluencedRevenue, int WonDeals, double? CoSellInfluence);

/// <summary>Won and lost opportunities closed in the period; <paramref name="Rate"/> = won / (won + lost), null when none closed.</summary>
public sealed record WinRateGroup(int Won, int Lost, double? Rate);

/// <summary>Opportunities with at least one approved partner touch against the direct (untouched) ones; lift = partner / direct − 1.</summary>
public sealed record EcosystemWinRates(WinRateGroup PartnerInvolved, WinRateGroup Direct, double? Lift);

/// <summary>One partner's figures over the period; each list of <see cref="EcosystemTopPartners"/> is ordered by its own measure.</summary>
/// <param name="Pipeline">Sourced plus influenced pipeline of the period.</param>
public sealed record PartnerRank(string EnrollmentId, string PartnerName, long SourcedRevenue, long InfluencedRevenue, int WonDeals, long Pipeline);

/// <summary>The top partners by each measure (at most five each, only those above zero), highest first, ties by name.</summary>
public sealed record EcosystemTopPartners(
    IReadOnlyList<PartnerRank> SourcedRevenue, IReadOnlyList<PartnerRank> InfluencedRevenue, IReadOnlyList<PartnerRank> WonDeals,
    IReadOnlyList<PartnerRank> Pipeline);

/// <summary>
/// The health of a strategic enrollment (approved; reseller, technology or co-marketing, or with a joint business
/// plan) now, whatever the period: last activity, open pipeline, the current plan's progress, status and reasons.
/// </summary>
/// <param name="LastActivityAt">Latest deal registered or closed, partner touch, fund request or attributed conversion.</param>
/// <param name="Plan">The plan whose period contains now (the latest starting one), with its progress.</param>
public sealed record PartnerHealthRow(
    string EnrollmentId, string PartnerName, PartnerType PartnerType, string? Tier, DateTimeOffset? LastActivityAt, int? DaysSinceActivity,
    long OpenSourcedPipeline, long OpenInfluencedPipeline, PlanResponse? Plan, HealthStatus Status, IReadOnlyList<HealthReason> Reasons);
