using Trellis.Core.Fraud;

namespace Trellis.Core.Tests.Fraud;

public sealed class FraudRulesTests
{
    [Theory]
    [InlineData("jane@blog.example", "jane@blog.example", true)]
    [InlineData("JANE@Blog.Example ", "jane@blog.example", true)]
    [InlineData("bob@blog.example", "jane@blog.example", true)]
    [InlineData("bob@gmail.com", "jane@gmail.com", false)]
    [InlineData("bob@shop.example", "jane@blog.example", false)]
    [InlineData(null, "jane@blog.example", false)]
    [InlineData("not-an-email", "jane@blog.example", false)]
    public void IsSelfReferral_ComparesAddressThenPrivateDomain(string? customer, string partner, bool expected) =>
        Assert.Equal(expected, FraudRules.IsSelfReferral(customer, partner));

    [Theory]
    [InlineData(new double[0], 0)]
    [InlineData(new[] { 0.3 }, 0.3)]
    [InlineData(new[] { 0.4, 0.1, 0.2 }, 0.2)]
    [InlineData(new[] { 0.4, 0.1, 0.2, 0.3 }, 0.25)]
    public void Median_OfOddAndEvenCounts(double[] rates, double expected) =>
        Assert.Equal(expected, FraudRules.Median(rates), 10);

    [Fact]
    public void IsRateAnomaly_NeedsEnoughClicksAndPeers_AndAPositiveMedian()
    {
        var stats = new Dictionary<string, (long Conversions, long Clicks)>
        {
            ["a"] = (1, 100), ["b"] = (1, 100), ["c"] = (6, 100), ["quiet"] = (5, 10),
        };
        Assert.True(FraudRules.IsRateAnomaly("c", stats, 5, 50, 3));     // 6% > 5 × 1%
        Assert.False(FraudRules.IsRateAnomaly("c", stats, 6, 50, 3));    // 6% is not more than 6 × 1%
        Assert.False(FraudRules.IsRateAnomaly("quiet", stats, 5, 50, 3)); // too few clicks to judge
        Assert.False(FraudRules.IsRateAnomaly("c", stats, 5, 50, 4));    // too few peers for a median
        var none = new Dictionary<string, (long, long)> { ["a"] = (0, 100), ["b"] = (0, 100), ["c"] = (3, 100) };
        Assert.False(FraudRules.IsRateAnomaly("c", none, 5, 50, 3));     // a zero median flags nothing
    }
}
