using Trellis.Core.Tiers;

namespace Trellis.Core.Tests.Tiers;

public sealed class PlanProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddDays(100);

    [Fact]
    public void Of_QuarterThroughWithAThirdDone_IsOnTrack()
    {
        // 25 of 100 days gone: 25% of the target is due; 3,000 of 9,000 is 33.3%.
        var progress = PlanProgress.Of(9_000, 3_000, Start, End, Start.AddDays(25));

        Assert.Equal(new TargetProgress(9_000, 3_000, 33.3, 25.0, true), progress);
    }

    [Fact]
    public void Of_HalfwayWithAFifthDone_IsBehind()
    {
        Assert.Equal(new TargetProgress(10, 2, 20.0, 50.0, false), PlanProgress.Of(10, 2, Start, End, Start.AddDays(50)));
    }

    [Fact]
    public void Of_AfterTheEnd_ExpectsAllAndCountsOverachievement()
    {
        Assert.Equal(new TargetProgress(4, 5, 125.0, 100.0, true), PlanProgress.Of(4, 5, Start, End, End.AddDays(3)));
        Assert.False(PlanProgress.Of(4, 3, Start, End, End).OnTrack);
    }

    [Fact]
    public void Elapsed_BeforeStart_IsZero()
    {
        Assert.Equal(0, PlanProgress.Elapsed(Start, End, Start.AddDays(-1)));
        Assert.True(PlanProgress.Of(5, 0, Start, End, Start.AddDays(-1)).OnTrack);
    }
}
