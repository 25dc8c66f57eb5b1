namespace Trellis.Core.Webhooks;

/// <summary>
/// When to try a failed delivery again: exponential backoff (base × 2^(n−1), capped) with ±20% jitter so
/// that endpoints coming back from an outage are not hit by every queued delivery in the same second,
/// and a fixed window after the first attempt, whose end is the last attempt.
/// </summary>
public sealed record RetrySchedule(TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan Window)
{
    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failure; <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan Delay(int failedAttempts, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        // 2^30 base delays is far past any cap; clamping the exponent keeps the double finite.
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Math.Clamp(random, 0, 1))));
    }

    /// <summary>
    /// The next attempt after a failure at <paramref name="now"/>, or null when the window is spent. The
    /// last retry is pulled in to the end of the window rather than skipped.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset firstAttemptAt, DateTimeOffset now, int failedAttempts, double random)
    {
        var deadline = firstAttemptAt + Window;
        if (now >= deadline)
        {
            return null;
        }

        var next = now + Delay(failedAttempts, random);
        return next < deadline ? next : deadline;
    }
}
