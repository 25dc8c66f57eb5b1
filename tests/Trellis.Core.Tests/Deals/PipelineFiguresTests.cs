using Trellis.Core.Deals;

namespace Trellis.Core.Tests.Deals;

public class PipelineFiguresTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PipelineOpportunity Opp(string id, OpportunityStatus status, long value, int? closedDay = null) =>
        new(id, id + ".com", status, value, Day0, closedDay is { } d ? Day0.AddDays(d) : null);

    [Fact]
    public void Compute_Nothing_ZeroSumsAndNullRatios()
    {
        var figures = PipelineFigures.Compute([], [], []);

        Assert.Equal(0, figures.SourcedPipeline);
        Assert.Null(figures.CoSellInfluence);
        Assert.Null(figures.WinRateLift);
        Assert.Null(figures.CycleTimeLift);
        Assert.Empty(figures.Partners);
    }

    [Theory]
    [InlineData(DealStatus.Registered, 0)]
    [InlineData(DealStatus.Conflict, 0)]
    [InlineData(DealStatus.Approved, 700)]
    [InlineData(DealStatus.InProgress, 700)]
    [InlineData(DealStatus.Won, 700)]
    [InlineData(DealStatus.Lost, 0)]
    [InlineData(DealStatus.Expired, 0)]
    [InlineData(DealStatus.Rejected, 0)]
    public void Compute_SourcedCountsAcceptedDealsOnly(DealStatus status, long expected) =>
        Assert.Equal(expected, PipelineFigures.Compute([new SourcedDeal("e1", "a.com", status, 700)], [], []).SourcedPipeline);

    [Fact]
    public void Compute_TouchOnOwnSourcedDomain_IsNotInfluence_ButStillATouchedOpportunity()
    {
        var figures = PipelineFigures.Compute(
            [new SourcedDeal("e1", "o1.com", DealStatus.Won, 100)],
            [Opp("o1", OpportunityStatus.Won, 100, 10), Opp("o2", OpportunityStatus.Won, 300, 20)],
            [new PipelineTouch("o1", "e1"), new PipelineTouch("o1", "e1")]);

        Assert.Equal(0, figures.InfluencedPipeline);
        Assert.Equal(0.25, figures.CoSellInfluence);
        Assert.Equal(10, figures.CycleDaysTouched);
        Assert.Equal(0.5, figures.CycleTimeLift);
        var partner = Assert.Single(figures.Partners);
        Assert.Equal((1, 100L, 0), (partner.SourcedDeals, partner.SourcedPipeline, partner.InfluencedOpportunities));
    }

    [Fact]
    public void Compute_TwoPartnersTouchOneOpportunity_OverallCountsItOnce()
    {
        var figures = PipelineFigures.Compute([], [Opp("o1", OpportunityStatus.Open, 500)],
            [new PipelineTouch("o1", "e1"), new PipelineTouch("o1", "e2")]);

        Assert.Equal(500, figures.InfluencedPipeline);
        Assert.All(figures.Partners, p => Assert.Equal(500, p.InfluencedPipeline));
        Assert.Equal(2, figures.Partners.Count);
    }
}
