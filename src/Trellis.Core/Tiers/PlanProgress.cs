namespace Trellis.Core.Tiers;

/// <summary>Progress of one target of a joint business plan.</summary>
/// <param name="Percent">Actual as a percentage of the target, one decimal, not capped at 100.</param>
/// <param name="Expected">Share of the target due by now if progress were linear over the period, percent.</param>
/// <param name="OnTrack">Actual has reached the target, or at least the share of it that time elapsed asks for.</param>
public sealed record TargetProgress(long Target, long Actual, double Percent, double Expected, bool OnTrack);

public static class PlanProgress
{
    /// <summary>Share of the plan period elapsed at <paramref name="now"/>, 0 before it starts, 1 after it ends.</summary>
    public static double Elapsed(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        if (end <= start || now >= end)
        {
            return 1;
        }

        return now <= start ? 0 : (now - start).Ticks / (double)(end - start).Ticks;
    }

    public static TargetProgress Of(long target, long actual, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var elapsed = Elapsed(start, end, now);
        var percent = target <= 0 ? 100 : Math.Round(actual * 100.0 / target, 1, MidpointRounding.AwayFromZero);
        var expected = Math.Round(elapsed * 100, 1, MidpointRounding.AwayFromZero);
        // Compared exactly, not on the rounded figures: actual / target >= elapsed.
        var onTrack = target <= 0 || actual >= target || actual >= target * elapsed;
        return new TargetProgress(target, actual, percent, expected, onTrack);
    }
}
