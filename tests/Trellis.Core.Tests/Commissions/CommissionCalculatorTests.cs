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
}
