using Trellis.Core.Commissions;

namespace Trellis.Core.Tests.Commissions;

/// <summary>Recurring limits of sale rules: first sale only (0), N months from the first commissioned sale, lifetime (null).</summary>
public class RecurringLimitsTests
{
    private static readonly DateTimeOffset First = new(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    // The first commissioned sale itself is always paid, whatever the limit.
    [InlineData(0, false, 0, true)]
    [InlineData(3, false, 0, true)]
    // First sale only: any later sale is not paid.
    [InlineData(0, true, 1, false)]
    // 2 months from Jan 31 10:00 ends Mar 31 10:00 (AddMonths clamps to month ends): just before pays, at the end does not.
    [InlineData(2, true, 58, true)]
    [InlineData(2, true, 59, false)]
    // Lifetime: years later still pays.
    [InlineData(null, true, 3_650, true)]
    public void RecurringAllows_AsTabled(int? months, bool hadFirst, int daysLater, bool expected)
    {
        var saleAt = First.AddDays(daysLater);

        Assert.Equal(expected, CommissionCalculator.RecurringAllows(months, hadFirst ? First : null, saleAt));
    }

    [Fact]
    public void RecurringAllows_TwoMonths_EndsExactlyAtTheSameClockTime()
    {
        var end = First.AddMonths(2);

        Assert.True(CommissionCalculator.RecurringAllows(2, First, end.AddTicks(-1)));
        Assert.False(CommissionCalculator.RecurringAllows(2, First, end));
    }
}
