using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.Commissions;
using Trellis.Core.Money;

namespace Trellis.Core.Tests.Commissions;

public class ReversalsTests
{
    [Theory]
    [InlineData(1_000, 10_000, 10_000, 1_000)]
    [InlineData(1_000, 10_000, 5_000, 500)]
    [InlineData(1_000, 10_000, 2_500, 250)]
    [InlineData(1_000, 10_000, 15_000, 1_000)]
    [InlineData(1_000, 10_000, 0, 0)]
    [InlineData(100, 300, 100, 33)]
    public void Split_OneAccrual_ReversesTheFlooredShare(long accrued, long sale, long refunded, long expected) =>
        Assert.Equal([expected], Reversals.Split([accrued], [0], sale, refunded));

    [Fact]
    public void Split_AlreadyReversed_ReversesOnlyTheRest()
    {
        Assert.Equal([0L], Reversals.Split([100], [100], 300, 300));
        Assert.Equal([34L], Reversals.Split([100], [66], 300, 300));
    }

    [Fact]
    public void Split_SaleNotPositive_ReversesNothing() =>
        Assert.Equal([0L, 0L], Reversals.Split([500, 500], [0, 0], 0, 100));

    // Accruals of several enrollments, and a sale refunded in pieces (some of them beyond the sale).
    private static readonly Gen<(long[] Accrued, long Sale, long[] Refunds)> Cases =
        from accrued in Gen.NonEmptyListOf(Gen.Frequency((3, Gen.Choose(0, 10_000)), (1, Gen.Choose(0, int.MaxValue))))
        from sale in Gen.Frequency((3, Gen.Choose(1, 10_000)), (1, Gen.Choose(1, int.MaxValue)))
        from refunds in Gen.NonEmptyListOf(Gen.Choose(0, sale))
        select (accrued.Select(a => (long)a).ToArray(), (long)sale, refunds.Select(r => (long)r).ToArray());

    [Property]
    public Property Split_AnyRefundSequence_NeverReversesMoreThanAccruedAndIsExactAtEachStep() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var reversed = new long[c.Accrued.Length];
            long refunded = 0;
            foreach (var refund in c.Refunds)
            {
                refunded += refund;
                var parts = Reversals.Split(c.Accrued, reversed, c.Sale, refunded);
                Assert.All(parts, p => Assert.True(p >= 0));
                for (var i = 0; i < parts.Length; i++)
                {
                    reversed[i] += parts[i];
                    Assert.InRange(reversed[i], 0, c.Accrued[i]);
                }

                // Cumulatively, exactly the floored share of the refunded fraction.
                Assert.Equal(Amount.FloorMulDiv(c.Accrued.Sum(), Math.Min(refunded, c.Sale), c.Sale), reversed.Sum());
            }

            // Refunding the rest of the sale reverses every accrual exactly.
            var last = Reversals.Split(c.Accrued, reversed, c.Sale, c.Sale);
            Assert.Equal(c.Accrued, reversed.Zip(last, (r, l) => r + l).ToArray());
        });
}
