using Trellis.Core.Payouts;

namespace Trellis.Core.Tests.Payouts;

public class PayoutCalendarTests
{
    [Theory]
    [InlineData("2026-03-02T00:00:00Z", "weekly:2026-03-02")]
    [InlineData("2026-03-08T23:59:59Z", "weekly:2026-03-02")]
    [InlineData("2026-03-09T00:00:00Z", "weekly:2026-03-09")]
    [InlineData("2026-01-01T12:00:00Z", "weekly:2025-12-29")]
    [InlineData("2026-03-09T01:00:00+02:00", "weekly:2026-03-02")]
    public void PeriodKey_Weekly_IsTheMondayOfTheUtcWeek(string now, string expected) =>
        Assert.Equal(expected, PayoutCalendar.PeriodKey(PayoutSchedule.Weekly, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-02-28T23:59:59Z", "monthly:2026-02-01")]
    [InlineData("2026-03-01T00:00:00Z", "monthly:2026-03-01")]
    [InlineData("2026-12-31T10:00:00Z", "monthly:2026-12-01")]
    public void PeriodKey_Monthly_IsTheFirstOfTheUtcMonth(string now, string expected) =>
        Assert.Equal(expected, PayoutCalendar.PeriodKey(PayoutSchedule.Monthly, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void PeriodKey_Manual_IsNull() =>
        Assert.Null(PayoutCalendar.PeriodKey(PayoutSchedule.Manual, DateTimeOffset.UnixEpoch));
}
