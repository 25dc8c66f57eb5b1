using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.Commissions;
using Trellis.Core.Money;

namespace Trellis.Core.Tests.Commissions;

public class CommissionCalculatorTests
{
    private static readonly DateTimeOffset FirstSale = new(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);

    private static CommissionTerms Flat(long? amount) =>
        new(CommissionEvent.Sale, CommissionType.Flat, amount, BasisPoints: null, RecurringMonths: null);

    private static CommissionTerms Percent(int? basisPoints) =>
        new(CommissionEvent.Sale, CommissionType.Percent, Amount: null, basisPoints, RecurringMonths: null);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(99_999)]
    [InlineData(-500)]
    public void Compute_Flat_ReturnsAmountRegardlessOfSale(long sale) =>
        Assert.Equal(1_500, CommissionCalculator.Compute(Flat(1_500), sale));

    [Fact]
    public void Compute_FlatWithoutAmount_ReturnsZero() =>
        Assert.Equal(0, CommissionCalculator.Compute(Flat(null), 10_000));

    [Fact]
    public void Compute_FlatLead_ReturnsAmount() =>
        Assert.Equal(250, CommissionCalculator.Compute(new CommissionTerms(CommissionEvent.Lead, CommissionType.Flat, 250, null, null), 0));

    [Theory]
    [InlineData(1999, 1000, 200)]
    [InlineData(101, 250, 3)]
    [InlineData(10_000, 1_500, 1_500)]
    [InlineData(5, 1_000, 1)]
    [InlineData(4, 1_000, 0)]
    [InlineData(0, 1_000, 0)]
    [InlineData(-1999, 1000, -200)]
    public void Compute_Percent_ReturnsBasisPointsOfSaleRoundedHalfAwayFromZero(long sale, int basisPoints, long expected) =>
        Assert.Equal(expected, CommissionCalculator.Compute(Percent(basisPoints), sale));

    [Fact]
    public void Compute_PercentWithoutBasisPoints_ReturnsZero() =>
        Assert.Equal(0, CommissionCalculator.Compute(Percent(null), 10_000));

    [Property]
    public Property Compute_Percent_EqualsAmountBasisPoints()
    {
        var inputs =
            from sale in Gen.Choose(0, int.MaxValue)
            from basisPoints in Gen.Choose(0, 10_000)
            select (sale: (long)sale, basisPoints);

        return Prop.ForAll(Arb.From(inputs), input =>
            Assert.Equal(Amount.BasisPoints(input.sale, input.basisPoints), CommissionCalculator.Compute(Percent(input.basisPoints), input.sale)));
    }

    [Fact]
    public void Compute_NullTerms_Throws() =>
        Assert.Throws<ArgumentNullException>(() => CommissionCalculator.Compute(null!, 100));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(120)]
    public void RecurringAllows_Lifetime_AlwaysTrue(int daysAfterFirst) =>
        Assert.True(CommissionCalculator.RecurringAllows(null, FirstSale, FirstSale.AddYears(10).AddDays(daysAfterFirst)));

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    public void RecurringAllows_FirstSale_AlwaysTrue(int? months) =>
        Assert.True(CommissionCalculator.RecurringAllows(months, null, FirstSale));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(400)]
    public void RecurringAllows_ZeroMonthsAfterFirst_IsFalse(int daysAfterFirst) =>
        Assert.False(CommissionCalculator.RecurringAllows(0, FirstSale, FirstSale.AddDays(daysAfterFirst)));

    [Fact]
    public void RecurringAllows_NMonths_TrueBeforeLimitFalseAtAndAfter()
    {
        // Jan 31 + 1 month is Feb 28 (2026 is not a leap year).
        var limit = new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.Zero);

        Assert.True(CommissionCalculator.RecurringAllows(1, FirstSale, FirstSale.AddDays(1)));
        Assert.True(CommissionCalculator.RecurringAllows(1, FirstSale, limit.AddMilliseconds(-1)));
        Assert.False(CommissionCalculator.RecurringAllows(1, FirstSale, limit));
        Assert.False(CommissionCalculator.RecurringAllows(1, FirstSale, limit.AddDays(30)));
    }

    [Fact]
    public void RecurringAllows_TwelveMonths_BoundaryIsFirstPlusTwelveMonths()
    {
        var limit = FirstSale.AddMonths(12);

        Assert.True(CommissionCalculator.RecurringAllows(12, FirstSale, FirstSale.AddMonths(11)));
        Assert.True(CommissionCalculator.RecurringAllows(12, FirstSale, limit.AddTicks(-1)));
        Assert.False(CommissionCalculator.RecurringAllows(12, FirstSale, limit));
    }

    [Theory]
    [InlineData(1_000, 10_000, 0, 10_000, 1_000)]
    [InlineData(1_000, 10_000, 0, 5_000, 500)]
    [InlineData(1_000, 10_000, 0, 2_500, 250)]
    [InlineData(1_000, 10_000, 2_500, 2_500, 250)]
    [InlineData(1_000, 10_000, 5_000, 5_000, 500)]
    [InlineData(1_000, 10_000, 0, 15_000, 1_000)]
    [InlineData(1_000, 10_000, 9_000, 5_000, 100)]
    public void Reversal_PartialRefund_IsProportional(long accrued, long sale, long before, long now, long expected) =>
        Assert.Equal(expected, CommissionCalculator.Reversal(accrued, sale, before, now));

    [Fact]
    public void Reversal_ThreeEqualRefunds_ReverseCumulativeRoundedSharesSummingToAccrued()
    {
        const long accrued = 100;
        const long sale = 300;
        var reversals = new List<long>();
        long refundedBefore = 0;
        for (var i = 0; i < 3; i++)
        {
            var reversal = CommissionCalculator.Reversal(accrued, sale, refundedBefore, 100);
            var expected = Amount.MulDiv(accrued, refundedBefore + 100, sale) - Amount.MulDiv(accrued, refundedBefore, sale);
            Assert.Equal(expected, reversal);
            reversals.Add(reversal);
            refundedBefore += 100;
        }

        Assert.Equal([33, 34, 33], reversals);
        Assert.Equal(accrued, reversals.Sum());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Reversal_RefundNotPositive_ReturnsZero(long refundNow) =>
        Assert.Equal(0, CommissionCalculator.Reversal(1_000, 10_000, 0, refundNow));

    [Theory]
    [InlineData(0)]
    [InlineData(-10_000)]
    public void Reversal_SaleNotPositive_ReturnsZero(long sale) =>
        Assert.Equal(0, CommissionCalculator.Reversal(1_000, sale, 0, 500));

    [Fact]
    public void Reversal_SaleAlreadyFullyRefunded_ReturnsZero()
    {
        Assert.Equal(0, CommissionCalculator.Reversal(100, 300, 300, 100));
        Assert.Equal(0, CommissionCalculator.Reversal(100, 300, 400, 100));
    }

    [Property]
    public Property Reversal_AnyRefundSequenceWithinSale_NeverReversesMoreThanAccrued()
    {
        var inputs =
            from accrued in Gen.Frequency(
                (3, Gen.Choose(0, 10_000)),
                (1, Gen.Choose(0, int.MaxValue)))
            from sale in Gen.Frequency(
                (3, Gen.Choose(1, 10_000)),
                (1, Gen.Choose(1, int.MaxValue)))
            from cuts in Gen.ListOf(Gen.Choose(0, sale))
            from full in Gen.Elements(true, false)
            select (accrued: (long)accrued, sale: (long)sale, refunds: ToRefunds(cuts, sale, full), full);

        return Prop.ForAll(Arb.From(inputs), input =>
        {
            var (accrued, sale, refunds, full) = input;
            long refundedBefore = 0;
            long reversedTotal = 0;
            foreach (var refund in refunds)
            {
                var reversal = CommissionCalculator.Reversal(accrued, sale, refundedBefore, refund);

                var expected = refund <= 0 ? 0
                    : Amount.MulDiv(accrued, refundedBefore + refund, sale) - Amount.MulDiv(accrued, refundedBefore, sale);
                Assert.Equal(expected, reversal);
                Assert.InRange(reversal, 0, accrued);
                reversedTotal += reversal;
                refundedBefore += refund;
            }

            Assert.InRange(reversedTotal, 0, accrued);
            if (full)
            {
                Assert.Equal(sale, refundedBefore);
                Assert.Equal(accrued, reversedTotal);
            }
        });
    }

    [Property]
    public Property Reversal_RefundsBeyondSale_TotalStaysExactlyAccrued()
    {
        var inputs =
            from accrued in Gen.Choose(0, 100_000)
            from sale in Gen.Choose(1, 100_000)
            from refunds in Gen.NonEmptyListOf(Gen.Choose(1, 100_000))
            select (accrued: (long)accrued, sale: (long)sale, refunds: refunds.Select(r => (long)r).Append(sale).ToArray());

        return Prop.ForAll(Arb.From(inputs), input =>
        {
            var (accrued, sale, refunds) = input;
            long refundedBefore = 0;
            long reversedTotal = 0;
            foreach (var refund in refunds)
            {
                var reversal = CommissionCalculator.Reversal(accrued, sale, refundedBefore, refund);
                Assert.InRange(reversal, 0, accrued);
                reversedTotal += reversal;
                refundedBefore += refund;
            }

            Assert.Equal(accrued, reversedTotal);
        });
    }

    // Sorted cut points in [0, sale] turned into consecutive refunds (zeros included); with full, the last
    // cut is the sale itself so the refunds add up to the whole sale.
    private static long[] ToRefunds(IEnumerable<int> cuts, long sale, bool full)
    {
        var points = cuts.Select(c => (long)c).Append(0);
        if (full)
        {
            points = points.Append(sale);
        }

        var sorted = points.Order().ToArray();
        return sorted.Zip(sorted.Skip(1), (from, to) => to - from).ToArray();
    }
}
