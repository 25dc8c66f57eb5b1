namespace Trellis.Core.Payouts;

/// <summary>
/// The periods of a payout schedule. A scheduled run belongs to the period it falls in, named by the
/// period's first day, so every node computes the same key and a period runs once.
/// </summary>
public static class PayoutCalendar
{
    /// <summary>Start of the period containing <paramref name="now"/> (UTC), or null for a manual schedule.</summary>
    public static DateTimeOffset? PeriodStart(PayoutSchedule schedule, DateTimeOffset now)
    {
        var day = now.UtcDateTime.Date;
        return schedule switch
        {
            PayoutSchedule.Manual => null,
            PayoutSchedule.Weekly => new DateTimeOffset(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), TimeSpan.Zero),
            PayoutSchedule.Monthly => new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero),
        };
    }

    /// <summary>The key of the run for the period containing <paramref name="now"/>, e.g. <c>weekly:2026-03-02</c>.</summary>
    public static string? PeriodKey(PayoutSchedule schedule, DateTimeOffset now) =>
        PeriodStart(schedule, now) is { } start
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{schedule.ToString().ToLowerInvariant()}:{start:yyyy-MM-dd}")
            : null;
}
