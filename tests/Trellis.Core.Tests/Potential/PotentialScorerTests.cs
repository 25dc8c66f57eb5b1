using Trellis.Core.Potential;

namespace Trellis.Core.Tests.Potential;

public sealed class PotentialScorerTests
{
    private static readonly PotentialBaseline Baseline = new("USD", TopRevenue: 100_000, RefundRate: 0.10, RetentionRate: 0.40);

    private static readonly PotentialInput Nothing = new(0, 0, 0, 0, 0, 0, 0, 0, 0, [0, 0, 0, 0, 0, 0]);

    private static PotentialFactor Factor(PotentialScore score, string name) => score.Factors.Single(f => f.Factor == name);

    [Fact]
    public void Score_WeightsAddUpToOneHundred()
    {
        var best = new PotentialInput(100_000, 10_000, 200_000, 0, 10, 10, 2, 1, 3, [5_000, 5_000, 5_000, 5_000, 5_000, 5_000]);

        var score = PotentialScorer.Score(best, Baseline);

        Assert.Equal(100, score.Factors.Sum(f => f.Weight));
        Assert.Equal(100, score.Score);
        Assert.All(score.Factors, f => Assert.Equal(f.Weight, f.Points));
    }

    [Fact]
    public void Score_NoData_IsZeroAndEveryFactorSaysWhy()
    {
        var score = PotentialScorer.Score(Nothing, Baseline);

        Assert.Equal(0, score.Score);
        Assert.Equal(7, score.Factors.Count);
        Assert.All(score.Factors, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        Assert.Equal("No customers whose first sale is 90 days old yet.", Factor(score, "retention").Reason);
    }

    [Fact]
    public void Revenue_InProportionToTheBestCandidate()
    {
        var score = PotentialScorer.Score(Nothing with { Revenue = 40_000 }, Baseline);

        var revenue = Factor(score, "revenue");
        Assert.Equal(10, revenue.Points);
        Assert.Equal("400.00 USD net revenue in the last 90 days, 40% of the best candidate's 1,000.00 USD.", revenue.Reason);
    }

    [Theory]
    [InlineData(0L, 10_000L, 0.0)]       // -100%
    [InlineData(10_000L, 10_000L, 5.0)]  // flat
    [InlineData(15_000L, 10_000L, 7.5)]  // +50%
    [InlineData(30_000L, 10_000L, 10.0)] // +200%: capped
    [InlineData(5_000L, 0L, 10.0)]       // new revenue
    public void Trend_AgainstThePrevious90Days(long revenue, long previous, double points)
    {
        Assert.Equal(points, Factor(PotentialScorer.Score(Nothing with { Revenue = revenue, PreviousRevenue = previous }, Baseline), "trend").Points);
    }

    [Theory]
    [InlineData(0L, 10.0)]      // none
    [InlineData(500L, 10.0)]    // 5%: half the program's
    [InlineData(1_000L, 5.0)]   // equal to the program's
    [InlineData(1_500L, 2.5)]   // one and a half times
    [InlineData(2_000L, 0.0)]   // double
    [InlineData(5_000L, 0.0)]
    public void Refunds_AgainstTheProgramsRate(long refunded, double points)
    {
        var factor = Factor(PotentialScorer.Score(Nothing with { Sold = 10_000, Refunded = refunded }, Baseline), "refunds");

        Assert.Equal(points, factor.Points);
        Assert.EndsWith("(program: 10%).", factor.Reason);
    }

    [Theory]
    [InlineData(2, 10, 2.5)]  // 20% against 40%
    [InlineData(4, 10, 5.0)]  // equal
    [InlineData(8, 10, 10.0)] // double
    [InlineData(3, 3, 10.0)]  // all
    public void Retention_AgainstTheProgramsShare(int retained, int mature, double points)
    {
        var factor = Factor(PotentialScorer.Score(Nothing with { MatureCustomers = mature, RetainedCustomers = retained }, Baseline), "retention");

        Assert.Equal(points, factor.Points);
        Assert.StartsWith($"{retained} of {mature} customers", factor.Reason);
    }

    [Fact]
    public void ReachAndOverlap_FivePointsEach_Capped()
    {
        var score = PotentialScorer.Score(Nothing with { CountriesFirstReached = 1, SegmentsFirstReached = 1, TargetAccounts = 7 }, Baseline);

        Assert.Equal(10, Factor(score, "reach").Points);
        Assert.Equal("Brought the first customer of 1 country and 1 segment.", Factor(score, "reach").Reason);
        Assert.Equal(15, Factor(score, "overlap").Points);
        Assert.StartsWith("7 customer domains are target accounts", Factor(score, "overlap").Reason);
    }

    [Fact]
    public void Consistency_SteadyBeatsBursty()
    {
        var steady = Factor(PotentialScorer.Score(Nothing with { MonthlyRevenue = [1_000, 1_000, 1_000, 1_000, 1_000, 1_000] }, Baseline), "consistency");
        var bursty = Factor(PotentialScorer.Score(Nothing with { MonthlyRevenue = [0, 0, 0, 0, 0, 6_000] }, Baseline), "consistency");

        Assert.Equal(15, steady.Points);
        // One active month of six (1.7 of 10); the deviation is larger than the mean, so no steadiness points.
        Assert.Equal(1.7, bursty.Points);
        Assert.StartsWith("Revenue in 1 of the last 6 months", bursty.Reason);
    }

    [Fact]
    public void Score_IsTheSumOfTheFactorsRounded()
    {
        var input = new PotentialInput(33_333, 20_000, 50_000, 2_500, 5, 2, 1, 0, 1, [0, 1_000, 2_000, 0, 3_000, 4_000]);

        var score = PotentialScorer.Score(input, Baseline);

        Assert.Equal(Math.Round(score.Factors.Sum(f => f.Points), 1), score.Score);
        Assert.InRange(score.Score, 0, 100);
    }
}
