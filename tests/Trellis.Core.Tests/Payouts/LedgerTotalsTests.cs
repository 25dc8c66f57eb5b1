using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.Commissions;
using Trellis.Core.Payouts;

namespace Trellis.Core.Tests.Payouts;

public class LedgerTotalsTests
{
    [Fact]
    public void From_SumsEachKind_WithNegativeKindsShownPositive()
    {
        (CommissionKind, long)[] period =
        [
            (CommissionKind.Accrual, 2_000), (CommissionKind.Accrual, 500), (CommissionKind.Reversal, -300),
            (CommissionKind.Payout, -1_000), (CommissionKind.Bonus, 250), (CommissionKind.Clawback, -50),
        ];

        var totals = LedgerTotals.From("USD", 100, period, 1_500);

        Assert.Equal(new LedgerTotals("USD", 100, 2_500, 300, 1_000, 250, 50, 1_500), totals);
        Assert.Equal(200, totals.Adjustments);
        Assert.True(totals.Reconciles);
    }

    [Fact]
    public void Reconciles_IsFalse_WhenClosingDoesNotMatch() =>
        Assert.False(LedgerTotals.From("USD", 0, [(CommissionKind.Accrual, 100)], 99).Reconciles);

    [Property]
    public Property From_AnyEntries_ReconcileAgainstTheirSum()
    {
        var entry =
            from kind in Gen.Elements(Enum.GetValues<CommissionKind>())
            from amount in Gen.Choose(0, 1_000_000)
            select (kind, amount: kind is CommissionKind.Accrual or CommissionKind.Bonus ? (long)amount : -(long)amount);
        var inputs = from opening in Gen.Choose(-1_000_000, 1_000_000) from entries in Gen.ListOf(entry) select (opening, entries);

        return Prop.ForAll(Arb.From(inputs), input =>
        {
            var closing = input.opening + input.entries.Sum(e => e.amount);
            return LedgerTotals.From("EUR", input.opening, input.entries, closing).Reconciles;
        });
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(-100, 0, false)]
    [InlineData(1, 0, true)]
    [InlineData(4_999, 5_000, false)]
    [InlineData(5_000, 5_000, true)]
    public void PayoutRule_IsDue_PositiveAndAtLeastTheMinimum(long balance, long minimum, bool due) =>
        Assert.Equal(due, PayoutRule.IsDue(balance, minimum));
}
