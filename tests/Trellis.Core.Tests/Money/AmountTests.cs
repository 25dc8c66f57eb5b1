using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.Money;

namespace Trellis.Core.Tests.Money;

public class AmountTests
{
    [Theory]
    [InlineData(5, 1, 2, 3)]
    [InlineData(-5, 1, 2, -3)]
    [InlineData(5, -1, 2, -3)]
    [InlineData(4, 1, 3, 1)]
    [InlineData(-4, 1, 3, -1)]
    [InlineData(5, 1, 3, 2)]
    [InlineData(-5, 1, 3, -2)]
    [InlineData(7, 1, 2, 4)]
    [InlineData(-7, 1, 2, -4)]
    [InlineData(1, 1, 2, 1)]
    [InlineData(-1, 1, 2, -1)]
    [InlineData(1, 1, 3, 0)]
    [InlineData(0, 5, 7, 0)]
    [InlineData(1999, 3, 1, 5997)]
    public void MulDiv_Values_RoundHalfAwayFromZero(long amount, long numerator, long denominator, long expected) =>
        Assert.Equal(expected, Amount.MulDiv(amount, numerator, denominator));

    [Fact]
    public void MulDiv_ProductBeyondLong_DoesNotOverflow()
    {
        const long large = 1_000_000_007;

        Assert.Equal(long.MaxValue, Amount.MulDiv(long.MaxValue, large, large));
        Assert.Equal(long.MinValue, Amount.MulDiv(long.MinValue, large, large));
        Assert.Equal(long.MaxValue / 2 + 1, Amount.MulDiv(long.MaxValue, long.MaxValue / 2, long.MaxValue - 1));
    }

    [Fact]
    public void MulDiv_ResultBeyondLong_ThrowsOverflow() =>
        Assert.Throws<OverflowException>(() => Amount.MulDiv(long.MaxValue, 2, 1));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void MulDiv_DenominatorNotPositive_Throws(long denominator) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Amount.MulDiv(10, 1, denominator));

    [Property]
    public Property MulDiv_AnyInputs_MatchesExactRationalRoundedHalfAwayFromZero()
    {
        var inputs =
            from amount in AnyLong()
            from numerator in Gen.Choose(-1_000_000, 1_000_000)
            from denominator in Gen.Choose(1, 1_000_000)
            select (amount, (long)numerator, (long)denominator);

        return Prop.ForAll(Arb.From(inputs), input =>
        {
            var (amount, numerator, denominator) = input;
            var exact = RoundHalfAwayFromZero((BigInteger)amount * numerator, denominator);
            if (exact < long.MinValue || exact > long.MaxValue)
            {
                Assert.Throws<OverflowException>(() => Amount.MulDiv(amount, numerator, denominator));
                return;
            }

            Assert.Equal((long)exact, Amount.MulDiv(amount, numerator, denominator));
        });
    }

    [Theory]
    [InlineData(1999, 1000, 200)]
    [InlineData(101, 250, 3)]
    [InlineData(10_000, 1, 1)]
    [InlineData(49, 100, 0)]
    [InlineData(50, 100, 1)]
    [InlineData(-1999, 1000, -200)]
    [InlineData(12_345, 10_000, 12_345)]
    [InlineData(12_345, 0, 0)]
    public void BasisPoints_Values_RoundHalfAwayFromZero(long amount, int basisPoints, long expected) =>
        Assert.Equal(expected, Amount.BasisPoints(amount, basisPoints));

    [Theory]
    [InlineData(10, new long[] { 1, 1, 1 }, new long[] { 4, 3, 3 })]
    [InlineData(11, new long[] { 1, 1, 1 }, new long[] { 4, 4, 3 })]
    [InlineData(-10, new long[] { 1, 1, 1 }, new long[] { -4, -3, -3 })]
    [InlineData(-11, new long[] { 1, 1, 1 }, new long[] { -4, -4, -3 })]
    [InlineData(100, new long[] { 1, 2, 1 }, new long[] { 25, 50, 25 })]
    [InlineData(1, new long[] { 1, 1 }, new long[] { 1, 0 })]
    [InlineData(10, new long[] { 0, 1, 0 }, new long[] { 0, 10, 0 })]
    [InlineData(5, new long[] { 3, 7 }, new long[] { 2, 3 })]
    [InlineData(0, new long[] { 3, 7 }, new long[] { 0, 0 })]
    public void Allocate_Examples_SplitByLargestRemainderWithEarlierTieWinning(long total, long[] weights, long[] expected) =>
        Assert.Equal(expected, Amount.Allocate(total, weights));

    [Fact]
    public void Allocate_ExtremeTotals_SumExactly()
    {
        Assert.Equal([long.MinValue], Amount.Allocate(long.MinValue, [5]));
        Assert.Equal(long.MinValue, Sum(Amount.Allocate(long.MinValue, [1, 1, 1])));
        Assert.Equal(long.MaxValue, Sum(Amount.Allocate(long.MaxValue, [long.MaxValue, 1, long.MaxValue])));
    }

    [Fact]
    public void Allocate_AllZeroWeights_Throws() =>
        Assert.Throws<ArgumentException>(() => Amount.Allocate(10, [0, 0, 0]));

    [Fact]
    public void Allocate_NoWeights_Throws() =>
        Assert.Throws<ArgumentException>(() => Amount.Allocate(10, []));

    [Fact]
    public void Allocate_NegativeWeight_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Amount.Allocate(10, [2, -1]));

    [Fact]
    public void Allocate_NullWeights_Throws() =>
        Assert.Throws<ArgumentNullException>(() => Amount.Allocate(10, null!));

    [Property]
    public Property Allocate_AnyTotalAndWeights_PartsSumToTotalAndStayWithinOneOfExactShare()
    {
        var weight = Gen.Frequency(
            (3, Gen.Constant(0L)),
            (6, Gen.Choose(1, 100).Select(w => (long)w)),
            (2, AnyLong().Select(w => w == long.MinValue ? long.MaxValue : Math.Abs(w))));
        var inputs =
            from total in AnyLong()
            from weights in Gen.NonEmptyListOf(weight).Select(w => w.ToArray())
            where weights.Any(w => w > 0)
            select (total, weights);

        return Prop.ForAll(Arb.From(inputs), input =>
        {
            var (total, weights) = input;

            var parts = Amount.Allocate(total, weights);

            Assert.Equal(weights.Length, parts.Length);
            Assert.Equal((BigInteger)total, parts.Aggregate(BigInteger.Zero, (sum, part) => sum + part));
            var weightSum = weights.Aggregate(BigInteger.Zero, (sum, w) => sum + w);
            for (var i = 0; i < parts.Length; i++)
            {
                // |part - total * w / W| < 1, kept in integers: |part * W - total * w| < W.
                var error = BigInteger.Abs((parts[i] * weightSum) - ((BigInteger)total * weights[i]));
                Assert.True(error < weightSum, $"part {i} = {parts[i]} is a unit or more off its share");
                Assert.True(total >= 0 ? parts[i] >= 0 : parts[i] <= 0, $"part {i} = {parts[i]} has the wrong sign");
            }
        });
    }

    [Property]
    public Property Allocate_EqualWeights_EarlierIndexesGetTheExtraUnits()
    {
        var inputs =
            from total in Gen.Choose(-1_000_000, 1_000_000)
            from count in Gen.Choose(1, 20)
            select (total, count);

        return Prop.ForAll(Arb.From(inputs), input =>
        {
            var (total, count) = input;

            var parts = Amount.Allocate(total, Enumerable.Repeat(7L, count).ToArray());

            var baseShare = Math.Abs(total) / count;
            var extras = Math.Abs(total) % count;
            var expected = Enumerable.Range(0, count)
                .Select(i => (long)Math.Sign(total) * (baseShare + (i < extras ? 1 : 0)))
                .ToArray();
            Assert.Equal(expected, parts);
        });
    }

    [Theory]
    [InlineData(1999, "USD", "19.99")]
    [InlineData(-5, "USD", "-0.05")]
    [InlineData(-1999, "USD", "-19.99")]
    [InlineData(0, "USD", "0.00")]
    [InlineData(100, "EUR", "1.00")]
    [InlineData(500, "JPY", "500")]
    [InlineData(-500, "JPY", "-500")]
    [InlineData(1234, "KWD", "1.234")]
    [InlineData(7, "KWD", "0.007")]
    [InlineData(12_345, "CLF", "1.2345")]
    [InlineData(long.MaxValue, "USD", "92233720368547758.07")]
    [InlineData(long.MinValue, "USD", "-92233720368547758.08")]
    public void ToMajorString_Amounts_FormatInMajorUnits(long amount, string currency, string expected) =>
        Assert.Equal(expected, Amount.ToMajorString(amount, currency));

    [Fact]
    public void ToMajorString_UnknownCurrency_Throws() =>
        Assert.Throws<ArgumentException>(() => Amount.ToMajorString(100, "XXX"));

    [Theory]
    [InlineData("19.99", "USD", 1999)]
    [InlineData("19.990", "USD", 1999)]
    [InlineData("-19.99", "USD", -1999)]
    [InlineData("0", "USD", 0)]
    [InlineData("500", "JPY", 500)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData("92233720368547758.07", "USD", long.MaxValue)]
    public void TryFromMajor_FitsCurrencyDigits_ReturnsMinorUnits(string major, string currency, long expected)
    {
        Assert.True(Amount.TryFromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), currency, out var minor));
        Assert.Equal(expected, minor);
    }

    [Theory]
    [InlineData("19.999", "USD")]
    [InlineData("0.001", "USD")]
    [InlineData("1.5", "JPY")]
    [InlineData("1.2345", "KWD")]
    [InlineData("92233720368547758.08", "USD")]
    [InlineData("-92233720368547758.09", "USD")]
    [InlineData("79228162514264337593543950335", "USD")]
    [InlineData("-79228162514264337593543950335", "KWD")]
    [InlineData("79228162514264337593543950335", "JPY")]
    [InlineData("1.0000000000000000000000000001", "USD")]
    [InlineData("1.0000000000000000000000000001", "CLF")]
    [InlineData("-0.0000000000000000000000000001", "JPY")]
    public void TryFromMajor_TooManyDigitsOrOutOfRange_IsRefused(string major, string currency)
    {
        Assert.False(Amount.TryFromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), currency, out var minor));
        Assert.Equal(0, minor);
    }

    [Property]
    public Property TryFromMajor_ToMajorString_RoundTrips()
    {
        var inputs =
            from amount in AnyLong()
            from currency in Gen.Elements("USD", "JPY", "KWD", "CLF")
            select (amount, currency);

        return Prop.ForAll(Arb.From(inputs), input =>
        {
            var (amount, currency) = input;
            var major = decimal.Parse(Amount.ToMajorString(amount, currency), System.Globalization.CultureInfo.InvariantCulture);

            Assert.True(Amount.TryFromMajor(major, currency, out var minor));
            Assert.Equal(amount, minor);
        });
    }

    private static Gen<long> AnyLong() =>
        Gen.Frequency(
            (1, Gen.Elements(0L, 1L, -1L, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1)),
            (4, Gen.Choose(-100_000, 100_000).Select(x => (long)x)),
            (4, from high in Gen.Choose(int.MinValue, int.MaxValue)
                from low in Gen.Choose(int.MinValue, int.MaxValue)
                select ((long)high << 32) | (uint)low));

    private static BigInteger RoundHalfAwayFromZero(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (BigInteger.Abs(remainder) * 2 >= denominator)
        {
            quotient += numerator.Sign;
        }

        return quotient;
    }

    private static long Sum(long[] parts) => parts.Aggregate(0L, (sum, part) => checked(sum + part));
}
