using Bunit;
using Trellis.Server.Components.Shared;

namespace Trellis.Server.Tests.Components;

public sealed class MetricDeltaTests : BunitContext
{
    private IRenderedComponent<MetricDelta> Render(decimal? current, decimal? previous, bool lowerIsBetter = false) =>
        Render<MetricDelta>(p => p.Add(d => d.Current, current).Add(d => d.Previous, previous).Add(d => d.LowerIsBetter, lowerIsBetter));

    [Fact]
    public void Growth_ShowsSignedPercent_AsGoodNews()
    {
        var delta = Render(125, 100).Find("[data-testid=delta]");

        Assert.Equal("+25.0%", delta.TextContent);
        Assert.Contains("good", delta.ClassList);
    }

    [Fact]
    public void Fall_ShowsMinus_AsBadNews()
    {
        var delta = Render(90, 120).Find("[data-testid=delta]");

        Assert.Equal("−25.0%", delta.TextContent);
        Assert.Contains("bad", delta.ClassList);
    }

    [Fact]
    public void CostThatFalls_IsGoodNews()
    {
        var delta = Render(80, 100, lowerIsBetter: true).Find("[data-testid=delta]");

        Assert.Equal("−20.0%", delta.TextContent);
        Assert.Contains("good", delta.ClassList);
    }

    [Fact]
    public void NothingBefore_ShowsNew_Neutrally()
    {
        var delta = Render(12, 0).Find("[data-testid=delta]");

        Assert.Equal("new", delta.TextContent);
        Assert.Contains("neutral", delta.ClassList);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, 5)]
    [InlineData(0, 0)]
    public void NothingToCompare_ShowsADash(int? current, int? previous)
    {
        var delta = Render(current, previous).Find("[data-testid=delta]");

        Assert.Equal("–", delta.TextContent);
        Assert.Contains("neutral", delta.ClassList);
    }

    [Fact]
    public void Unchanged_IsZeroPercent_Neutral()
    {
        var delta = Render(0.0325m, 0.0325m).Find("[data-testid=delta]");

        Assert.Equal("0%", delta.TextContent);
        Assert.Contains("neutral", delta.ClassList);
    }
}
