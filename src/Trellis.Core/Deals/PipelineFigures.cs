namespace Trellis.Core.Deals;

/// <summary>A registration as the figures see it; <paramref name="Value"/> is the won value once won.</summary>
public sealed record SourcedDeal(string EnrollmentId, string Domain, DealStatus Status, long Value);

/// <summary>An internal opportunity as the figures see it.</summary>
public sealed record PipelineOpportunity(
    string Id, string Domain, OpportunityStatus Status, long Value, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

/// <summary>An approved touch of a partner on an opportunity.</summary>
public sealed record PipelineTouch(string OpportunityId, string EnrollmentId);

public sealed record PartnerPipeline(
    string EnrollmentId, int SourcedDeals, long SourcedPipeline, long SourcedWon,
    int InfluencedOpportunities, long InfluencedPipeline, long InfluencedWon);

/// <summary>
/// Sourced vs influenced pipeline and co-sell influence (definitions in the README, "Deals and
/// co-selling"). Ratios are fractions rounded to four places; null where the denominator is empty.
/// </summary>
public sealed record PipelineSummary(
    long SourcedPipeline, long SourcedWon, long InfluencedPipeline, long InfluencedWon,
    long WonRevenue, long WonRevenueTouched, double? CoSellInfluence,
    double? WinRateTouched, double? WinRateUntouched, double? WinRateLift,
    double? CycleDaysTouched, double? CycleDaysUntouched, double? CycleTimeLift,
    IReadOnlyList<PartnerPipeline> Partners);

public static class PipelineFigures
{
    /// <summary>Accepted registrations: what counts as sourced pipeline.</summary>
    public static bool IsSourced(DealStatus status) => status is DealStatus.Approved or DealStatus.InProgress or DealStatus.Won;

    public static PipelineSummary Compute(
        IReadOnlyCollection<SourcedDeal> deals, IReadOnlyCollection<PipelineOpportunity> opportunities, IReadOnlyCollection<PipelineTouch> touches)
    {
        var sourced = deals.Where(d => IsSourced(d.Status)).ToList();
        var sourcedDomains = sourced.Select(d => (d.EnrollmentId, d.Domain)).ToHashSet();
        var byId = opportunities.ToDictionary(o => o.Id);

        // A touch influences when its partner did not itself source a deal on the opportunity's domain.
        var influencing = touches.Where(t => byId.ContainsKey(t.OpportunityId))
            .Select(t => (t.EnrollmentId, Opportunity: byId[t.OpportunityId]))
            .Where(t => !sourcedDomains.Contains((t.EnrollmentId, t.Opportunity.Domain)))
            .DistinctBy(t => (t.EnrollmentId, t.Opportunity.Id))
            .ToList();

        var partners = sourced.Select(d => d.EnrollmentId).Concat(influencing.Select(t => t.EnrollmentId))
            .Distinct().Order(StringComparer.Ordinal)
            .Select(e =>
            {
                var mine = sourced.Where(d => d.EnrollmentId == e).ToList();
                var touched = influencing.Where(t => t.EnrollmentId == e).Select(t => t.Opportunity).ToList();
                return new PartnerPipeline(e, mine.Count, mine.Sum(d => d.Value), mine.Where(d => d.Status == DealStatus.Won).Sum(d => d.Value),
                    touched.Count, Pipeline(touched), Won(touched));
            })
            .ToList();

        var influenced = influencing.Select(t => t.Opportunity).DistinctBy(o => o.Id).ToList();
        var touchedIds = touches.Select(t => t.OpportunityId).ToHashSet();
        var touchedOpportunities = opportunities.Where(o => touchedIds.Contains(o.Id)).ToList();
        var untouched = opportunities.Where(o => !touchedIds.Contains(o.Id)).ToList();

        var wonRevenue = Won(opportunities);
        var wonTouched = Won(touchedOpportunities);
        var winTouched = WinRate(touchedOpportunities);
        var winUntouched = WinRate(untouched);
        var cycleTouched = CycleDays(touchedOpportunities);
        var cycleUntouched = CycleDays(untouched);
        return new PipelineSummary(
            sourced.Sum(d => d.Value), sourced.Where(d => d.Status == DealStatus.Won).Sum(d => d.Value),
            Pipeline(influenced), Won(influenced),
            wonRevenue, wonTouched, Round(wonRevenue == 0 ? null : (double)wonTouched / wonRevenue),
            Round(winTouched), Round(winUntouched), Round(winTouched is { } a && winUntouched is { } b && b > 0 ? a / b - 1 : null),
            Round(cycleTouched), Round(cycleUntouched), Round(cycleTouched is { } t && cycleUntouched is { } u && u > 0 ? 1 - t / u : null),
            partners);
    }

    /// <summary>Open and won value (lost opportunities are out of the pipeline).</summary>
    private static long Pipeline(IEnumerable<PipelineOpportunity> opportunities) =>
        opportunities.Where(o => o.Status != OpportunityStatus.Lost).Sum(o => o.Value);

    private static long Won(IEnumerable<PipelineOpportunity> opportunities) =>
        opportunities.Where(o => o.Status == OpportunityStatus.Won).Sum(o => o.Value);

    /// <summary>Won / (won + lost).</summary>
    private static double? WinRate(List<PipelineOpportunity> opportunities)
    {
        var closed = opportunities.Count(o => o.Status != OpportunityStatus.Open);
        return closed == 0 ? null : (double)opportunities.Count(o => o.Status == OpportunityStatus.Won) / closed;
    }

    /// <summary>Mean days from created to closed of the won opportunities.</summary>
    private static double? CycleDays(List<PipelineOpportunity> opportunities)
    {
        var won = opportunities.Where(o => o.Status == OpportunityStatus.Won && o.ClosedAt is not null).ToList();
        return won.Count == 0 ? null : won.Average(o => (o.ClosedAt!.Value - o.CreatedAt).TotalDays);
    }

    /// <summary>Ratios are computed unrounded and rounded once, for the answer.</summary>
    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;
}
