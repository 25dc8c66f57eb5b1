using Trellis.Core.Commissions;

namespace Trellis.Core.Payouts;

/// <summary>
/// One currency of a ledger over a period: opening balance + accruals − reversals − payouts + adjustments
/// (bonuses − clawbacks) = closing balance. Reversals, payouts and clawbacks are shown as positive sums.
/// </summary>
/// <param name="Opening">Every entry booked before the period.</param>
/// <param name="Closing">Every entry booked before the period's end, summed on its own (not derived from the others).</param>
public sealed record LedgerTotals(
    string Currency, long Opening, long Accruals, long Reversals, long Payouts, long Bonuses, long Clawbacks, long Closing)
{
    /// <summary>Bonuses − clawbacks.</summary>
    public long Adjustments => Bonuses - Clawbacks;

    /// <summary>True when the movements explain the change from opening to closing to the minor unit.</summary>
    public bool Reconciles => Opening + Accruals - Reversals - Payouts + Adjustments == Closing;

    /// <summary>Sums the period's entries by kind.</summary>
    public static LedgerTotals From(string currency, long opening, IEnumerable<(CommissionKind Kind, long Amount)> period, long closing)
    {
        ArgumentNullException.ThrowIfNull(period);
        long accruals = 0, reversals = 0, payouts = 0, bonuses = 0, clawbacks = 0;
        foreach (var (kind, amount) in period)
        {
            switch (kind)
            {
                case CommissionKind.Accrual:
                    accruals += amount;
                    break;
                case CommissionKind.Reversal:
                    reversals -= amount;
                    break;
                case CommissionKind.Payout:
                    payouts -= amount;
                    break;
                case CommissionKind.Bonus:
                    bonuses += amount;
                    break;
                case CommissionKind.Clawback:
                    clawbacks -= amount;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(period), kind, "A ledger entry kind the report does not know.");
            }
        }

        return new LedgerTotals(currency, opening, accruals, reversals, payouts, bonuses, clawbacks, closing);
    }
}
