using Trellis.Core.Commissions;

namespace Trellis.Core.Tests.Commissions;

public class TiersAndCapsTests
{
    private static readonly CommissionTerms Twenty = new(CommissionEvent.Sale, CommissionType.Percent, null, 2_000, null);

    [Theory]
    [InlineData(TierPeriod.Month, "2026-05-17T23:59:00Z", "2026-05-01T00:00:00Z")]
    [InlineData(TierPeriod.Month, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData(TierPeriod.Quarter, "2026-05-17T10:00:00Z", "2026-04-01T00:00:00Z")]
    [InlineData(TierPeriod.Quarter, "2026-12-31T23:59:59Z", "2026-10-01T00:00:00Z")]
    [InlineData(TierPeriod.Month, "2026-03-01T00:30:00+02:00", "2026-02-01T00:00:00Z")] // 22:30 UTC on Feb 28
    public void PeriodStart_IsTheUtcCalendarStart(TierPeriod period, string at, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            PerformanceTiers.PeriodStart(period, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(0, 0, 2_000)]
    [InlineData(9_999_99, 0, 2_000)]
    [InlineData(10_000_00, 1, 2_500)]
    [InlineData(49_999_99, 1, 2_500)]
    [InlineData(50_000_00, 2, 3_000)]
    public void Apply_StepsByPerformanceBefore(long before, int step, int basisPoints)
    {
        // Steps listed out of order on purpose: they are ordered by threshold.
        var (applied, terms) = PerformanceTiers.Apply(Twenty, [new(50_000_00, 3_000, null), new(10_000_00, 2_500, null)], before);

        Assert.Equal(step, applied);
        Assert.Equal(basisPoints, terms.BasisPoints);
    }

    [Theory]
    [InlineData(1_000, null, null, 0, 1_000, 0)]
    [InlineData(1_000, 2_500L, null, 2_000, 500, 500)]
    [InlineData(1_000, 2_500L, null, 3_000, 0, 1_000)] // already over (cap lowered later): nothing paid, never negative
    [InlineData(1_000, 5_000L, 1_200L, 0, 1_000, 0)]
    [InlineData(1_000, 5_000L, 1_200L, 700, 500, 500)]
    public void Apply_CapsSplitPaidAndCapped(long amount, long? perCustomer, long? perDay, long used, long paid, long capped)
    {
        var caps = new CommissionCaps(PerCustomer: perCustomer, PerEnrollmentDay: perDay);

        var result = caps.Apply(amount, new CapUsage(Customer: used, EnrollmentDay: used));

        Assert.Equal((paid, capped), result);
        Assert.Equal(amount, result.Paid + result.Capped);
    }
}
